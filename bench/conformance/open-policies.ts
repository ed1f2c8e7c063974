import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { splitCoordinate } from '../../policies/tooling';
import { classificationFromSupergraph } from '../../schema/classification';

/** The one purpose of a conformance run. */
export const CONFORMANCE_PURPOSE = 'federation-conformance';
/** The consumer every conformance request is made as. */
export const CONFORMANCE_CONSUMER = { department: 'conformance-client', role: 'tester' } as const;

/** What was written for one supergraph. */
export interface OpenPolicies {
  dir: string;
  /** Subgraphs that grant their fields. */
  providers: string[];
  /** Fields the supergraph gives no owner: no grant can open them. */
  unowned: string[];
}

/**
 * Writes a policies folder (purposes.yaml, grants/<subgraph>.yaml) in which every subgraph
 * grants every field it owns in full to CONFORMANCE_CONSUMER for CONFORMANCE_PURPOSE: the
 * gateway then enforces, masks nothing, and should answer as a stock gateway does.
 */
export function writeOpenPolicies(dir: string, supergraphSdl: string): OpenPolicies {
  const { classification, unowned } = classificationFromSupergraph(supergraphSdl);
  const typesByOwner = new Map<string, Set<string>>();
  for (const [coordinate, label] of classification) {
    if (label.owner === null) continue;
    const types = typesByOwner.get(label.owner) ?? new Set<string>();
    types.add(splitCoordinate(coordinate)[0]);
    typesByOwner.set(label.owner, types);
  }
  mkdirSync(join(dir, 'grants'), { recursive: true });
  writeFileSync(
    join(dir, 'purposes.yaml'),
    stringify({
      purposes: [
        {
          code: CONFORMANCE_PURPOSE,
          name: { zh: '联邦网关一致性测试', en: 'Federation gateway conformance audit' },
          legalBasis: 'None: a test run over the audit’s synthetic subgraphs, never deployed.',
        },
      ],
    }),
  );
  const providers = [...typesByOwner.keys()].sort();
  providers.forEach((provider, index) => {
    const types = [...typesByOwner.get(provider)!].sort();
    const grant = {
      id: `open-every-field-${index + 1}`,
      consumer: CONFORMANCE_CONSUMER,
      purposes: [CONFORMANCE_PURPOSE],
      fields: Object.fromEntries(types.map((type) => [type, { '*': 'full' }])),
      // Needed only if a field were SENSITIVE; the audit labels none.
      legalBasis: 'None: conformance test data.',
      expires: tomorrow(),
    };
    writeFileSync(join(dir, 'grants', `${provider}.yaml`), stringify({ grants: [grant] }));
  });
  return { dir, providers, unowned };
}

function tomorrow(): string {
  return new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
