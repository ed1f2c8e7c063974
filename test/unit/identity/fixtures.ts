import { exportJWK, exportSPKI, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import {
  createTokenVerifier,
  DEV_AUDIENCE,
  DEV_ISSUER,
  loadVerificationKeys,
  mintToken,
  type AcceptedAlgorithm,
  type KeySource,
  type MintOptions,
  type SigningKey,
  type TokenClaims,
} from '../../../gateway/identity';

/** A key pair of the identity provider (or of a forger), with its public forms. */
export interface TestKey {
  signingKey: SigningKey;
  publicKey: CryptoKey;
  jwk: JWK;
  pem: string;
}

export async function createKey(alg: AcceptedAlgorithm, kid?: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), alg, ...(kid && { kid }) };
  return {
    signingKey: { key: privateKey, alg, ...(kid && { kid }) },
    publicKey,
    jwk,
    pem: await exportSPKI(publicKey),
  };
}

// Distinctive values, so a test can assert that no message ever repeats them.
export const OFFICIAL_SUB = 'official-sub-7Q4XZ';
export const CITIZEN_SUB = 'citizen-sub-K93PD';
export const PERSON_ID = 'person-id-W2M8R';

export const caseworkerInWuhou: TokenClaims = {
  sub: OFFICIAL_SUB,
  kind: 'official',
  dept: 'civil-affairs',
  role: 'caseworker',
  jurisdiction: '510107',
  app: 'assistance-review',
};

export const citizenWithPerson: TokenClaims = {
  sub: CITIZEN_SUB,
  kind: 'citizen',
  person: PERSON_ID,
};

/** A verifier over the given key source (default: a JWKS of one EdDSA key), and a minter signing with that key. */
export async function setup(
  options: {
    allowAnonymous?: boolean;
    tokenSource?: string;
    source?: (key: TestKey) => KeySource | Promise<KeySource>;
  } = {},
) {
  const key = await createKey('EdDSA', 'idp-2026');
  const source = (await options.source?.(key)) ?? { kind: 'jwks', jwks: { keys: [key.jwk] } };
  const verify = createTokenVerifier({
    keys: await loadVerificationKeys(source),
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    allowAnonymous: options.allowAnonymous,
    tokenSource: options.tokenSource,
  });
  const mint = (claims: TokenClaims = caseworkerInWuhou, mintOptions: MintOptions = {}) =>
    mintToken(claims, { signingKey: key.signingKey, ...mintOptions });
  return { key, verify, mint };
}

/** The bearer header for a token. */
export const bearer = (token: string): string => `Bearer ${token}`;

/** The shape every token refusal has: a 401 with this message. */
export const refusal = (message: string | RegExp) => ({
  code: 'UNAUTHENTICATED',
  status: 401,
  extensions: { code: 'UNAUTHENTICATED', http: expect.objectContaining({ status: 401 }) },
  message: typeof message === 'string' ? message : expect.stringMatching(message),
});
