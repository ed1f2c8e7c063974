import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createContextSigner, CONTEXT_HEADER } from '../../contracts/subgraph-context';
import { packPolicyRules, type PolicyRule } from '../../policies';
import { SUPERGRAPH_PATH } from '../../schema';
import { classificationFromSupergraph } from '../../schema/classification';

/** The test run's context key pair: the gateway signs with the private key, departments verify. */
export const contextKeys = generateKeyPairSync('ed25519');

const sign = createContextSigner({ privateKey: contextKeys.privateKey });

/** Rules that open every row of every type: what a department's own test reads with. */
export const READ_EVERYTHING = packPolicyRules([{ action: 'read', subject: 'all' }]);

const supergraph = classificationFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));

/**
 * What the gateway gives every consumer of `subgraph`, whatever its grants: the built-in rules
 * opening the UNCONDITIONAL fields it resolves, its own and those it borrows (Department.code,
 * Enterprise.uscc in a reference). Sent as borrowed rules, so the rows a test's `rules` select
 * stay theirs alone.
 */
export function unconditionalRules(subgraph: string): unknown[] {
  const borrowed = supergraph.borrowedBySubgraph.get(subgraph) ?? new Map<string, string[]>();
  const fields = new Map<string, string[]>();
  const add = (type: string, field: string) =>
    fields.set(type, [...(fields.get(type) ?? []), field]);
  for (const [coordinate, label] of supergraph.classification) {
    const [type, field] = coordinate.split('.') as [string, string];
    const resolved = label.owner === subgraph || borrowed.get(type)?.includes(field);
    if (resolved && label.sharing === 'UNCONDITIONAL') add(type, field);
  }
  return packPolicyRules(
    [...fields].map(([type, open]): PolicyRule => ({
      action: 'read',
      subject: type,
      fields: open,
    })),
  );
}

/** Headers of a direct call to a department, signed as the gateway would for `rules`. */
export async function signedHeaders(
  subgraph: string,
  body: string,
  rules: unknown[] = READ_EVERYTHING,
  borrowedRules: unknown[] = unconditionalRules(subgraph),
): Promise<Record<string, string>> {
  const token = await sign(
    subgraph,
    {
      consumer: {
        kind: 'gateway',
        id: 'test',
        department: null,
        role: null,
        jurisdiction: null,
        application: null,
        personId: null,
      },
      purpose: 'test',
      caseNumber: null,
      requestId: 'test-request',
      rules,
      borrowedRules,
    },
    body,
  );
  return { [CONTEXT_HEADER]: token };
}
