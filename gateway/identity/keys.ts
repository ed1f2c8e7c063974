import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  importSPKI,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { z } from 'zod';
import { unauthenticated } from './errors';

/** The signature algorithms the gateway accepts. Symmetric (HS*) and unsigned ('none') tokens are refused. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;
export type AcceptedAlgorithm = (typeof ACCEPTED_ALGORITHMS)[number];

/** Milliseconds a remote JWKS fetch may take. */
export const DEFAULT_JWKS_TIMEOUT_MS = 5_000;
/** Milliseconds a fetched remote JWKS is reused before it is fetched again. */
export const DEFAULT_JWKS_CACHE_MAX_AGE_MS = 600_000;

/** Where the identity provider's public keys come from. */
export type KeySource =
  /** A JWKS JSON file, read once at start-up (air-gapped deployments: restart to rotate). */
  | { kind: 'jwks-file'; path: string }
  /** A JWKS already in memory. */
  | { kind: 'jwks'; jwks: JSONWebKeySet }
  /** A JWKS served by the identity provider on the internal network, fetched on first use and cached. */
  | { kind: 'jwks-url'; url: string; timeoutMs?: number; cacheMaxAgeMs?: number }
  /** One SPKI public key in PEM form, and the algorithm it signs with. */
  | { kind: 'public-key'; pem: string; alg: AcceptedAlgorithm };

/** Finds the key for a token's protected header (jose's key lookup). */
export type VerificationKeys = JWTVerifyGetKey;

const publicJwk = z.looseObject({
  kty: z.enum(['RSA', 'EC', 'OKP'], {
    error: "kty must be 'RSA', 'EC' or 'OKP' (no symmetric keys)",
  }),
  d: z.never({ error: "it carries a private part ('d'); publish only public keys" }).optional(),
});
const jwksShape = z.looseObject({
  keys: z.array(publicJwk).min(1, { error: 'the set has no keys' }),
});

/** Turns a key source into a key lookup; throws at start-up, naming the source, when it is unusable. */
export async function loadVerificationKeys(source: KeySource): Promise<VerificationKeys> {
  switch (source.kind) {
    case 'jwks-file':
      return localSet(readJwksFile(source.path), `the JWKS file ${source.path}`);
    case 'jwks':
      return localSet(source.jwks, 'the JWKS given');
    case 'jwks-url':
      return remoteSet(source);
    case 'public-key':
      return singleKey(source.pem, source.alg);
    default:
      return assertNever(source);
  }
}

function readJwksFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`The JWKS file ${path} cannot be read as JSON (${(error as Error).message}).`, {
      cause: error,
    });
  }
}

function localSet(jwks: unknown, where: string): VerificationKeys {
  const parsed = jwksShape.safeParse(jwks);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'JWKS'}: ${issue.message}`,
    );
    throw new Error(`${where} is not a set of public verification keys: ${problems.join('; ')}.`);
  }
  return createLocalJWKSet(parsed.data as JSONWebKeySet);
}

function remoteSet(source: Extract<KeySource, { kind: 'jwks-url' }>): VerificationKeys {
  const url = new URL(source.url);
  const remote = createRemoteJWKSet(url, {
    timeoutDuration: source.timeoutMs ?? DEFAULT_JWKS_TIMEOUT_MS,
    cacheMaxAge: source.cacheMaxAgeMs ?? DEFAULT_JWKS_CACHE_MAX_AGE_MS,
  });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      // The token's fault: it names no key (or several) of the set. Anything else is the set's.
      if (
        error instanceof errors.JWKSNoMatchingKey ||
        error instanceof errors.JWKSMultipleMatchingKeys
      )
        throw error;
      throw new Error(
        `The JWKS at ${url.href} cannot be loaded; bearer tokens cannot be verified until it can.`,
        {
          cause: error,
        },
      );
    }
  };
}

async function singleKey(pem: string, alg: AcceptedAlgorithm): Promise<VerificationKeys> {
  const key = await importSPKI(pem, alg).catch((error: unknown) => {
    throw new Error(
      `The public key is not an SPKI PEM key for ${alg} (${(error as Error).message}).`,
      { cause: error },
    );
  });
  return async (header) => {
    if (header.alg !== alg) {
      throw unauthenticated(
        `The bearer token is signed with ${header.alg}, but the gateway's key verifies ${alg} only.`,
        'token-malformed',
      );
    }
    return key;
  };
}

function assertNever(value: never): never {
  throw new Error(`Unknown key source: ${JSON.stringify(value)}.`);
}
