import type { KeyObject } from 'node:crypto';
import { contextClaimsSchema, CONTEXT_ISSUER, CONTEXT_TYPE, type ContextClaims } from './claims';
import { ed25519Verifier } from './ed25519';
import { memoryReplayGuard, type ReplayGuard } from './replay';
import { bodyHash } from './sign';

/** Why a subgraph refused a call; always answered with HTTP 401. */
export class ContextError extends Error {}

/**
 * A department's check of the gateway's signed context: signature, issuer, audience (this
 * subgraph), expiry, the body it was signed for, and that it was not used before (replay).
 */
export function createContextVerifier(options: {
  publicKey: KeyObject;
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
  const verifySignature = ed25519Verifier(options.publicKey);
  return async (header: string | undefined, body: string | Buffer): Promise<ContextClaims> => {
    if (!header) {
      throw new ContextError(
        `Calls to the ${options.subgraph} subgraph must come through the gateway: the signed context header is missing.`,
      );
    }
    const payload = verifiedPayload(header, verifySignature);
    checkRegistered(payload, options.subgraph);
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
    if (!(await replay.firstUse(payload.jti as string, payload.exp as number))) {
      throw new ContextError('The gateway context was already used (replay).');
    }
    return claims.data;
  };
}

export type ContextVerifier = ReturnType<typeof createContextVerifier>;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function invalid(why: string): ContextError {
  return new ContextError(`The gateway context is not valid: ${why}.`);
}

/**
 * The payload of a compact JWS whose header says EdDSA and this contract's type and whose
 * Ed25519 signature verifies. Synchronously, with libsodium (`ed25519.ts`): a department
 * verifies one context per call, and jose's WebCrypto path cost several times the CPU
 * (`bench/results/context-cost.md`). The checks are jose's for this profile: no `crit`, no
 * unencoded payload, no other algorithm (so neither `none` nor an HMAC keyed with the public key).
 */
function verifiedPayload(
  token: string,
  verifySignature: (message: Buffer, signature: Buffer) => boolean,
): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) {
    throw invalid('it is not a well-formed signed token');
  }
  const [encodedHeader, encodedPayload, signature] = parts as [string, string, string];
  const header = jsonObject(encodedHeader);
  if (!header) throw invalid('it is not a well-formed signed token');
  if (header.alg !== 'EdDSA') throw invalid('it is not signed with EdDSA');
  if (header.typ !== CONTEXT_TYPE || 'crit' in header || 'b64' in header) {
    throw invalid('it is not a well-formed signed token');
  }
  const message = Buffer.from(`${encodedHeader}.${encodedPayload}`);
  if (!verifySignature(message, Buffer.from(signature, 'base64url'))) {
    throw invalid('its signature does not verify');
  }
  const payload = jsonObject(encodedPayload);
  if (!payload) throw invalid('it is not a well-formed signed token');
  return payload;
}

/** Issuer, audience (this department alone), expiry, issue time and id: each present and right. */
function checkRegistered(payload: Record<string, unknown>, subgraph: string): void {
  const now = Math.floor(Date.now() / 1000);
  if (payload.iss !== CONTEXT_ISSUER) throw invalid('its iss claim is wrong');
  // One context, one department: an audience list would let it be replayed to each of them.
  if (payload.aud !== subgraph) throw invalid('its aud claim is wrong');
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) {
    throw invalid('its exp claim is wrong');
  }
  if (payload.exp <= now) throw invalid('it expired');
  if (typeof payload.iat !== 'number' || !Number.isFinite(payload.iat)) {
    throw invalid('its iat claim is wrong');
  }
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > now)) {
    throw invalid('its nbf claim is wrong');
  }
  if (typeof payload.jti !== 'string' || payload.jti.length === 0) {
    throw invalid('its jti claim is wrong');
  }
}

/** A base64url JSON object, or null when the text is not one. */
function jsonObject(encoded: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
