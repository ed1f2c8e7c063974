import { generateKeyPairSync } from 'node:crypto';
import { createContextSigner, CONTEXT_HEADER } from '../../gateway/subgraph-context';
import { packPolicyRules } from '../../policies';

/** The test run's context key pair: the gateway signs with the private key, departments verify. */
export const contextKeys = generateKeyPairSync('ed25519');

const sign = createContextSigner({ privateKey: contextKeys.privateKey });

/** Rules that open every row of every type: what a department's own test reads with. */
export const READ_EVERYTHING = packPolicyRules([{ action: 'read', subject: 'all' }]);

/** Headers of a direct call to a department, signed as the gateway would for `rules`. */
export async function signedHeaders(
  subgraph: string,
  body: string,
  rules: unknown[] = READ_EVERYTHING,
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
    },
    body,
  );
  return { [CONTEXT_HEADER]: token };
}
