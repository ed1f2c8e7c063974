import { decodeProtectedHeader } from 'jose';
import { unauthenticated } from './errors';
import { ACCEPTED_ALGORITHMS, type AcceptedAlgorithm } from './keys';

const HOW = "send 'Authorization: Bearer <token>' with a token from the identity provider";
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
// Schemes named back to the client; anything else might be a credential and is not echoed.
const KNOWN_SCHEMES = ['Basic', 'Digest', 'Negotiate', 'NTLM', 'DPoP', 'Token', 'HOBA', 'Mutual'];
// Header values (alg, kid) are echoed only in this harmless shape.
const PRINTABLE = /^[A-Za-z0-9+._:-]{1,64}$/;

/** The compact JWS carried by an Authorization header; throws a 401 naming what is wrong with the header. */
export function readBearerToken(authorization: string): string {
  const [scheme = '', ...rest] = authorization.trim().split(/\s+/);
  if (scheme === '')
    throw unauthenticated(`The Authorization header is empty; ${HOW}.`, 'token-malformed');
  if (scheme.toLowerCase() !== 'bearer') {
    const known = KNOWN_SCHEMES.find((name) => name.toLowerCase() === scheme.toLowerCase());
    const which = known ? `the ${known} scheme` : 'a scheme other than Bearer';
    throw unauthenticated(`The Authorization header uses ${which}; ${HOW}.`, 'token-malformed');
  }
  if (rest.length === 0)
    throw unauthenticated(
      `The Authorization header names the Bearer scheme but carries no token; ${HOW}.`,
      'token-malformed',
    );
  const token = rest.join(' ');
  if (rest.length > 1 || !COMPACT_JWS.test(token)) {
    throw unauthenticated(
      'The bearer token is not a JWT: expected three base64url parts separated by dots.',
      'token-malformed',
    );
  }
  return token;
}

/** What the gateway reads from a token's protected header before verifying it. */
export interface TokenHeader {
  alg: AcceptedAlgorithm;
  /** The key id, when the header names one in a printable form (for error messages). */
  kid: string | null;
}

/** Reads the token's header; throws a 401 unless its algorithm is one the gateway accepts. */
export function readTokenHeader(token: string): TokenHeader {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw unauthenticated(
      "The bearer token's header is not base64url-encoded JSON.",
      'token-malformed',
    );
  }
  const { alg, kid } = header;
  const accepted = `accepted algorithms: ${ACCEPTED_ALGORITHMS.join(', ')}`;
  if (typeof alg !== 'string' || alg === '')
    throw unauthenticated(
      `The bearer token's header names no algorithm; ${accepted}.`,
      'token-malformed',
    );
  if (alg.toLowerCase() === 'none')
    throw unauthenticated(
      `The bearer token is unsigned (alg none); ${accepted}.`,
      'token-malformed',
    );
  if (!isAccepted(alg)) {
    const named = PRINTABLE.test(alg) ? alg : 'an unknown algorithm';
    throw unauthenticated(
      `The bearer token is signed with ${named}; ${accepted}.`,
      'token-malformed',
    );
  }
  return { alg, kid: typeof kid === 'string' && PRINTABLE.test(kid) ? kid : null };
}

function isAccepted(alg: string): alg is AcceptedAlgorithm {
  return (ACCEPTED_ALGORITHMS as readonly string[]).includes(alg);
}
