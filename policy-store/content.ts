import { createHash } from 'node:crypto';
import { parsePolicies, type PolicySet } from '../policies';
import { canonicalJson } from '../records/record';

/** A revision's content: the purpose catalogue and every grant, as canonical JSON text. */
export interface PolicyContent {
  /** Canonical JSON (keys sorted at every level): the bytes `sha256` covers. */
  readonly text: string;
  /** SHA-256 (hex) of `text`. */
  readonly sha256: string;
}

/** The canonical content of a policy set (the file each grant was read from is not content). */
export function policyContent(policies: PolicySet): PolicyContent {
  const text = canonicalJson({
    purposes: policies.purposes,
    grants: policies.grants.map(({ file: _file, ...grant }) => grant),
  });
  return { text, sha256: sha256(text) };
}

/**
 * Validates a revision's content as the policy files are validated (zod, purposes catalogued,
 * grant ids unique) and returns the policy set; messages name `revision-N/grants/<provider>`.
 * Throws an Error listing every problem.
 */
export function policiesFromContent(text: string, revision: number): PolicySet {
  const content = JSON.parse(text) as {
    purposes: unknown[];
    grants: { provider: string; [key: string]: unknown }[];
  };
  const root = `revision-${revision}`;
  const byProvider = new Map<string, unknown[]>();
  for (const { provider, ...grant } of content.grants) {
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), grant]);
  }
  // JSON is YAML: the content goes through the file validation unchanged.
  return parsePolicies(
    { file: `${root}/purposes.yaml`, text: JSON.stringify({ purposes: content.purposes }) },
    [...byProvider].map(([provider, grants]) => ({
      file: `${root}/grants/${provider}.yaml`,
      text: JSON.stringify({ grants }),
    })),
  );
}

/** SHA-256 (hex) of a text. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
