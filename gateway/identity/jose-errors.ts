import { errors } from 'jose';
import { IdentityError, unauthenticated } from './errors';
import type { TokenHeader } from './bearer';

/** What the messages may name: the gateway's own expectations and the token's harmless header. */
export interface Expectations {
  issuer: string;
  audience: string;
  header: TokenHeader;
}

/**
 * The 401 a jose verification failure stands for, with a message naming the problem; null
 * when the failure is not the token's fault (keys unavailable, a bug), to be rethrown.
 */
export function explainJoseError(error: unknown, expected: Expectations): IdentityError | null {
  if (error instanceof IdentityError) return error;
  if (error instanceof errors.JWTExpired) {
    return unauthenticated(
      `The bearer token expired at ${instant(error.payload.exp)}. Obtain a new one from the identity provider.`,
      'token-expired',
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) return claimFailure(error, expected);
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return unauthenticated(
      "The bearer token's signature does not verify with the identity provider's keys: it was signed with another key or altered.",
      'token-signature',
    );
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    const kid = expected.header.kid === null ? 'no key id' : `key id '${expected.header.kid}'`;
    return unauthenticated(
      `The bearer token (${expected.header.alg}, ${kid}) names no key of the identity provider; it was signed by another issuer or with a retired key.`,
      'token-signature',
    );
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return unauthenticated(
      'The bearer token is not a well-formed JWT: its header, payload or signature does not decode.',
      'token-malformed',
    );
  }
  if (error instanceof errors.JOSENotSupported || error instanceof errors.JOSEAlgNotAllowed) {
    return unauthenticated(
      'The bearer token uses a header parameter or algorithm the gateway does not support.',
      'token-malformed',
    );
  }
  return null;
}

function claimFailure(
  error: InstanceType<typeof errors.JWTClaimValidationFailed>,
  expected: Expectations,
): IdentityError {
  const { claim, reason, payload } = error;
  if (reason === 'missing') {
    return unauthenticated(
      `The bearer token has no '${claim}' claim; ${REQUIRED[claim] ?? 'the gateway requires it'}.`,
      'token-claims',
    );
  }
  if (reason === 'invalid')
    return unauthenticated(
      `The bearer token's '${claim}' claim is not a NumericDate (seconds since 1970).`,
      'token-claims',
    );
  switch (claim) {
    case 'nbf':
      return unauthenticated(
        `The bearer token is not valid before ${instant(payload.nbf)}; check the clocks of the identity provider and the gateway.`,
        'token-claims',
      );
    case 'iss':
      return unauthenticated(
        `The bearer token was issued by another issuer; the gateway accepts tokens issued by '${expected.issuer}'.`,
        'token-claims',
      );
    case 'aud':
      return unauthenticated(
        `The bearer token is meant for another audience; the gateway accepts tokens for '${expected.audience}'.`,
        'token-claims',
      );
    default:
      return unauthenticated(
        `The bearer token's '${claim}' claim is not accepted.`,
        'token-claims',
      );
  }
}

const REQUIRED: Record<string, string> = {
  exp: 'the gateway accepts only tokens that expire',
  sub: 'it must name the official or citizen who holds the token',
  iss: 'it must name the identity provider that issued the token',
  aud: "it must name the gateway's audience",
};

/** A NumericDate as an ISO 8601 instant without milliseconds, e.g. 2026-11-24T10:00:00Z. */
function instant(seconds: unknown): string {
  const date = new Date(typeof seconds === 'number' ? seconds * 1000 : NaN);
  if (Number.isNaN(date.getTime())) return 'a time outside the calendar';
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
