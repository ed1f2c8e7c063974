import { createHash, randomUUID, type KeyObject } from 'node:crypto';
import {
  CONTEXT_ISSUER,
  CONTEXT_TYPE,
  DEFAULT_CONTEXT_TTL_SEC,
  type ContextClaimsInput,
} from './claims';
import { ed25519Signer } from './ed25519';

const HEADER = base64url(JSON.stringify({ alg: 'EdDSA', typ: CONTEXT_TYPE }));

/**
 * Signs the context of one subgraph call (a compact EdDSA JWT), bound to that subgraph and
 * that body. Signs synchronously with libsodium (`ed25519.ts`): an operation signs one
 * context per subgraph call, and WebCrypto's asynchronous jobs cost several times more.
 * Departments verify the same way (`verify.ts`).
 */
export function createContextSigner(options: { privateKey: KeyObject; ttlSec?: number }) {
  const ttl = options.ttlSec ?? DEFAULT_CONTEXT_TTL_SEC;
  const sign = ed25519Signer(options.privateKey);
  return async (
    subgraph: string,
    /** The claims, or their JSON text (an object), as the gateway carries them to its fetcher. */
    claims: Omit<ContextClaimsInput, 'bodyHash'> | string,
    body: string,
  ): Promise<string> => {
    const iat = Math.floor(Date.now() / 1000);
    const registered = {
      bodyHash: bodyHash(body),
      iss: CONTEXT_ISSUER,
      aud: subgraph,
      iat,
      exp: iat + ttl,
      jti: randomUUID(),
    };
    const payload = base64url(withRegistered(claims, registered));
    const input = `${HEADER}.${payload}`;
    return `${input}.${sign(Buffer.from(input)).toString('base64url')}`;
  };
}

/**
 * The payload's JSON: the claims' members, then the registered ones (which win over any claim
 * of the same name, as they would spread last). Claims already in JSON are not parsed again.
 */
function withRegistered(claims: object | string, registered: object): string {
  if (typeof claims !== 'string') return JSON.stringify({ ...claims, ...registered });
  const text = claims.trim();
  if (!text.startsWith('{') || !text.endsWith('}')) {
    throw new TypeError('The context claims must be a JSON object.');
  }
  const members = text.slice(1, -1).trim();
  const own = JSON.stringify(registered);
  return members ? `{${members},${own.slice(1)}` : own;
}

export type ContextSigner = ReturnType<typeof createContextSigner>;

/** base64url SHA-256 of a request body, as both sides compute it. */
export function bodyHash(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
