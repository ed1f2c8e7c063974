import { readFileSync } from 'node:fs';
import type { GatewayConfig } from './config';
import {
  DEV_AUDIENCE,
  DEV_ISSUER,
  DEVELOPMENT_TOKEN_SOURCE,
  ensureDevKeys,
  type KeySource,
} from './identity';
import type { Logger } from './logger';

/** The keys tokens are verified with, from the AUTH_* settings; the development keys when none is set. */
export async function tokenKeys(
  config: GatewayConfig,
  logger: Logger,
): Promise<{ source: KeySource; issuer: string; audience: string; tokenSource?: string }> {
  const { auth } = config;
  if (auth.jwksFile)
    return {
      source: { kind: 'jwks-file', path: auth.jwksFile },
      issuer: auth.issuer!,
      audience: auth.audience!,
    };
  if (auth.jwksUrl)
    return {
      source: { kind: 'jwks-url', url: auth.jwksUrl },
      issuer: auth.issuer!,
      audience: auth.audience!,
    };
  if (auth.publicKeyFile) {
    const pem = readFileSync(auth.publicKeyFile, 'utf8');
    return {
      source: { kind: 'public-key', pem, alg: auth.publicKeyAlg },
      issuer: auth.issuer!,
      audience: auth.audience!,
    };
  }
  const dev = await ensureDevKeys();
  logger.warn(
    { jwks: dev.jwksPath },
    'no AUTH_* key source set: accepting tokens signed by the development key (npm run token)',
  );
  return {
    source: { kind: 'jwks', jwks: dev.jwks },
    issuer: auth.issuer ?? DEV_ISSUER,
    audience: auth.audience ?? DEV_AUDIENCE,
    tokenSource: DEVELOPMENT_TOKEN_SOURCE,
  };
}
