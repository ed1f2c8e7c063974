import { errors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { readBearerToken, readTokenHeader } from './bearer';
import { consumerFromClaims } from './claims';
import { ANONYMOUS_CONSUMER, type Consumer } from '../../contracts/consumer';
import { unauthenticated } from './errors';
import { explainJoseError } from './jose-errors';
import { ACCEPTED_ALGORITHMS, type VerificationKeys } from './keys';

/** Longest Authorization header value read as a token; a longer one is refused before any parsing. */
export const DEFAULT_MAX_TOKEN_BYTES = 8_192;

/** Seconds of clock skew allowed between the identity provider and the gateway (exp, nbf). */
export const DEFAULT_CLOCK_TOLERANCE_SEC = 30;

export interface TokenVerifierOptions {
  /** The identity provider's public keys: `await loadVerificationKeys(source)`. */
  keys: VerificationKeys;
  /** The `iss` every token must carry. */
  issuer: string;
  /** The `aud` every token must carry (one of, when it is a list). */
  audience: string;
  /** Allowed clock skew; defaults to DEFAULT_CLOCK_TOLERANCE_SEC. */
  clockToleranceSec?: number;
  /**
   * A request without an Authorization header is served as the anonymous consumer (public,
   * UNCONDITIONAL data only). A request with a bad token is refused all the same. Off by default.
   */
  allowAnonymous?: boolean;
  /** Longest Authorization header accepted, in bytes; defaults to DEFAULT_MAX_TOKEN_BYTES. */
  maxTokenBytes?: number;
  /** Where a client gets a token, for the 'no token' refusal; defaults to DEFAULT_TOKEN_SOURCE. */
  tokenSource?: string;
}

/** Where tokens come from, as the 'no token' refusal says when nothing more precise is known. */
export const DEFAULT_TOKEN_SOURCE = 'with a token from the identity provider';
/** Where tokens come from when the gateway accepts the development key. */
export const DEVELOPMENT_TOKEN_SOURCE =
  "with a development token: sign in on the gateway's landing page (/) or run " +
  "'npm run -s token -- caseworker' (any example consumer; the purpose to state is printed with it)";

/** Establishes a request's consumer from its Authorization header; rejects with an IdentityError (401). */
export type TokenVerifier = (authorization: string | undefined) => Promise<Consumer>;

/** Builds the verifier of bearer tokens: RS256, ES256 or EdDSA signatures only, issuer, audience and expiry checked. */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const { keys, issuer, audience, allowAnonymous = false } = options;
  const maxTokenBytes = options.maxTokenBytes ?? DEFAULT_MAX_TOKEN_BYTES;
  if (!issuer || !audience)
    throw new Error('createTokenVerifier needs a non-empty issuer and audience.');
  const verifyOptions: JWTVerifyOptions = {
    issuer,
    audience,
    algorithms: [...ACCEPTED_ALGORITHMS],
    clockTolerance: options.clockToleranceSec ?? DEFAULT_CLOCK_TOLERANCE_SEC,
    requiredClaims: ['exp', 'sub'],
  };

  return async (authorization) => {
    if (authorization === undefined) {
      if (allowAnonymous) return ANONYMOUS_CONSUMER;
      throw unauthenticated(
        `This request has no Authorization header and the gateway does not serve anonymous requests; send 'Authorization: Bearer <token>' ${options.tokenSource ?? DEFAULT_TOKEN_SOURCE}.`,
        'token-missing',
      );
    }
    if (Buffer.byteLength(authorization) > maxTokenBytes) {
      throw unauthenticated(
        `The Authorization header is longer than the ${maxTokenBytes} bytes a token may have (MAX_TOKEN_BYTES); send the token the identity provider issued.`,
        'token-too-long',
      );
    }
    const token = readBearerToken(authorization);
    const header = readTokenHeader(token);
    let payload: JWTPayload;
    try {
      payload = await verifyWithAnyKey(token, keys, verifyOptions);
    } catch (error) {
      throw explainJoseError(error, { issuer, audience, header }) ?? error;
    }
    return consumerFromClaims(payload);
  };
}

/** jwtVerify, trying each candidate when the token (without a key id) matches several keys of the set. */
async function verifyWithAnyKey(
  token: string,
  keys: VerificationKeys,
  options: JWTVerifyOptions,
): Promise<JWTPayload> {
  try {
    return (await jwtVerify(token, keys, options)).payload;
  } catch (error) {
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    for await (const key of error) {
      try {
        return (await jwtVerify(token, key, options)).payload;
      } catch (inner) {
        if (!(inner instanceof errors.JWSSignatureVerificationFailed)) throw inner;
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}
