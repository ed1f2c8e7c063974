import { errors, jwtVerify, type CryptoKey, type KeyObject } from 'jose';
import { contextClaimsSchema, CONTEXT_ISSUER, type ContextClaims } from './claims';
import { memoryReplayGuard, type ReplayGuard } from './replay';
import { bodyHash } from './sign';

/** Why a subgraph refused a call; always answered with HTTP 401. */
export class ContextError extends Error {}

/**
 * A department's check of the gateway's signed context: signature, issuer, audience (this
 * subgraph), expiry, the body it was signed for, and that it was not used before (replay).
 */
export function createContextVerifier(options: {
  publicKey: CryptoKey | KeyObject;
  subgraph: string;
  /** Where accepted contexts are remembered (default: this process's memory). */
  replay?: ReplayGuard;
  /**
   * The revocation watermark: a context signed under an older policy revision is refused
   * (Infinity: every context but a fail-closed one). Default: none.
   */
  minRevision?: () => number;
}) {
  const replay = options.replay ?? memoryReplayGuard();
  return async (header: string | undefined, body: string | Buffer): Promise<ContextClaims> => {
    if (!header) {
      throw new ContextError(
        `Calls to the ${options.subgraph} subgraph must come through the gateway: the signed context header is missing.`,
      );
    }
    let payload;
    try {
      ({ payload } = await jwtVerify(header, options.publicKey, {
        issuer: CONTEXT_ISSUER,
        audience: options.subgraph,
        algorithms: ['EdDSA'],
        requiredClaims: ['exp', 'jti', 'iat'],
      }));
    } catch (error) {
      throw new ContextError(`The gateway context is not valid: ${reason(error)}.`);
    }
    // One context, one department: an audience list would let it be replayed to each of them.
    if (payload.aud !== options.subgraph) {
      throw new ContextError('The gateway context is not valid: its aud claim is wrong.');
    }
    const claims = contextClaimsSchema.safeParse(payload);
    if (!claims.success) throw new ContextError('The gateway context is malformed.');
    const floor = options.minRevision?.() ?? 0;
    if (!claims.data.failClosed && claims.data.revision < floor) {
      throw new ContextError(
        Number.isFinite(floor)
          ? `The gateway context was signed under policy revision ${claims.data.revision}, older than revision ${floor}, which revoked access; the gateway must apply it first.`
          : 'The policy watermark cannot be confirmed, so only fail-closed contexts are accepted.',
      );
    }
    if (claims.data.bodyHash !== bodyHash(body)) {
      throw new ContextError('The gateway context was signed for another request body.');
    }
    if (!(await replay.firstUse(payload.jti!, payload.exp!))) {
      throw new ContextError('The gateway context was already used (replay).');
    }
    return claims.data;
  };
}

export type ContextVerifier = ReturnType<typeof createContextVerifier>;

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'it expired';
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'its signature does not verify';
  if (error instanceof errors.JWTClaimValidationFailed) return `its ${error.claim} claim is wrong`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'it is not signed with EdDSA';
  return 'it is not a well-formed signed token';
}
