import { SignJWT, type CryptoKey } from 'jose';
import { ensureDevKeys } from './dev-keys';

/** Issuer of development tokens (`npm run token`). */
export const DEV_ISSUER = 'gov-data-graph-dev';
/** Audience of the gateway's tokens. */
export const DEV_AUDIENCE = 'gov-data-graph';
/** Lifetime of a development token: one working day. */
export const DEFAULT_TOKEN_LIFETIME_SEC = 8 * 60 * 60;

/** The claims the gateway reads (see verify.ts); left unchecked here so tests can mint malformed ones. */
export interface TokenClaims {
  sub: string;
  kind: 'official' | 'citizen';
  dept?: string;
  role?: string;
  jurisdiction?: string;
  app?: string;
  person?: string;
}

/** A private key and the algorithm it signs with; `alg` is any JWS algorithm so tests can forge. */
export interface SigningKey {
  key: CryptoKey | Uint8Array;
  alg: string;
  kid?: string;
}

export interface MintOptions {
  /** Defaults to the development key (`.data/keys/`, generated on first use). */
  signingKey?: SigningKey;
  /** Defaults to DEV_ISSUER. */
  issuer?: string;
  /** Defaults to DEV_AUDIENCE. */
  audience?: string;
  /** Defaults to now. */
  issuedAt?: Date;
  /** Defaults to DEFAULT_TOKEN_LIFETIME_SEC after `issuedAt`; a past date mints an expired token. */
  expiresAt?: Date;
  /** When set, the token is not valid before this time. */
  notBefore?: Date;
}

/** Signs a token with the given claims: demo tokens for development, and tokens of every kind for tests. */
export async function mintToken(claims: TokenClaims, options: MintOptions = {}): Promise<string> {
  const { key, alg, kid } = options.signingKey ?? (await ensureDevKeys()).signingKey;
  const issuedAt = options.issuedAt ?? new Date();
  const expiresAt =
    options.expiresAt ?? new Date(issuedAt.getTime() + DEFAULT_TOKEN_LIFETIME_SEC * 1000);
  const jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg, typ: 'JWT', ...(kid && { kid }) })
    .setIssuer(options.issuer ?? DEV_ISSUER)
    .setAudience(options.audience ?? DEV_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt);
  if (options.notBefore) jwt.setNotBefore(options.notBefore);
  return jwt.sign(key);
}
