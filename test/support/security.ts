import { exportJWK, generateKeyPair } from 'jose';
import { createLogger } from '../../gateway/logger';
import type { EnforcementMode } from '../../gateway/authorization/plugin';
import {
  demoClaims,
  DEV_AUDIENCE,
  DEV_ISSUER,
  loadVerificationKeys,
  mintToken,
  type DemoConsumerName,
  type SigningKey,
  type TokenClaims,
} from '../../gateway/identity';
import { buildSecurity, type Security } from '../../gateway/security';
import { loadPolicies, type PolicySet } from '../../policies';
import type { PolicyHolder } from '../../gateway/live-policy';
import { contextKeys } from './context';

let identityKey:
  Promise<{ signingKey: SigningKey; jwk: Awaited<ReturnType<typeof exportJWK>> }> | undefined;

/** The test run's identity provider key (in memory, never the development key on disk). */
function testIdentityKey() {
  identityKey ??= generateKeyPair('EdDSA', { extractable: true }).then(
    async ({ privateKey, publicKey }) => ({
      signingKey: { key: privateKey, alg: 'EdDSA' },
      jwk: { ...(await exportJWK(publicKey)), alg: 'EdDSA', kid: 'test' },
    }),
  );
  return identityKey;
}

/** The key the test run's identity provider signs with (what the landing page mints with in tests). */
export async function testSigningKey(): Promise<SigningKey> {
  return (await testIdentityKey()).signingKey;
}

/** The gateway's security layer as production builds it, with the test keys and the real policies. */
export async function testSecurity(
  supergraphSdl: string,
  options: {
    mode?: EnforcementMode;
    allowAnonymous?: boolean;
    policies?: PolicySet | PolicyHolder;
    maxTokenBytes?: number;
  } = {},
): Promise<Security> {
  const { jwk } = await testIdentityKey();
  return buildSecurity({
    supergraphSdl,
    policies: options.policies ?? loadPolicies(),
    tokenKeys: await loadVerificationKeys({ kind: 'jwks', jwks: { keys: [jwk] } }),
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    allowAnonymous: options.allowAnonymous ?? false,
    maxTokenBytes: options.maxTokenBytes,
    mode: options.mode ?? 'reject',
    contextPrivateKey: contextKeys.privateKey,
    logger: createLogger('silent'),
  });
}

/** A bearer token for one of the example consumers of DOMAIN.md (or any claims); an old `issuedAt` makes it expired. */
export async function tokenFor(
  consumer: DemoConsumerName | TokenClaims,
  personId?: string,
  issuedAt?: Date,
): Promise<string> {
  const { signingKey } = await testIdentityKey();
  const claims = typeof consumer === 'string' ? demoClaims(consumer, personId) : consumer;
  return mintToken(claims, { signingKey, issuedAt });
}

/** Headers of a request by `consumer` stating `purpose`. */
export async function as(
  consumer: DemoConsumerName | TokenClaims,
  purpose: string,
  personId?: string,
): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenFor(consumer, personId)}`, 'x-purpose': purpose };
}
