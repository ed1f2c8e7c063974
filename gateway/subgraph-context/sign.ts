import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, type CryptoKey, type KeyObject } from 'jose';
import { CONTEXT_ISSUER, DEFAULT_CONTEXT_TTL_SEC, type ContextClaims } from './claims';

/** Signs the context of one subgraph call (EdDSA), bound to that subgraph and that body. */
export function createContextSigner(options: {
  privateKey: CryptoKey | KeyObject;
  ttlSec?: number;
}) {
  const ttl = options.ttlSec ?? DEFAULT_CONTEXT_TTL_SEC;
  return (
    subgraph: string,
    claims: Omit<ContextClaims, 'bodyHash'>,
    body: string,
  ): Promise<string> =>
    new SignJWT({ ...claims, bodyHash: bodyHash(body) })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'gateway-context+jwt' })
      .setIssuer(CONTEXT_ISSUER)
      .setAudience(subgraph)
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .setJti(randomUUID())
      .sign(options.privateKey);
}

export type ContextSigner = ReturnType<typeof createContextSigner>;

/** base64url SHA-256 of a request body, as both sides compute it. */
export function bodyHash(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('base64url');
}
