import { decodeJwt } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Consumer } from '../../contracts/consumer';
import { readBearerToken } from './bearer';
import type { TokenVerifier } from './verify';

/** Verified tokens kept (a token is verified once, then trusted until it expires). */
export const DEFAULT_TOKEN_CACHE_SIZE = 10_000;

/**
 * Remembers tokens already verified, until their own expiry: a signature check per token,
 * not per request. Only successes are cached; a refused token is checked again each time.
 */
export function cachedVerifier(
  verify: TokenVerifier,
  max = DEFAULT_TOKEN_CACHE_SIZE,
): TokenVerifier {
  const cache = new LRUCache<string, Consumer>({ max, ttlAutopurge: false });
  return async (authorization) => {
    if (authorization === undefined) return verify(authorization);
    const hit = cache.get(authorization);
    if (hit) return hit;
    const consumer = await verify(authorization);
    const exp = decodeJwt(readBearerToken(authorization)).exp;
    const ttl = exp ? exp * 1000 - Date.now() : 0;
    if (ttl > 0) cache.set(authorization, consumer, { ttl });
    return consumer;
  };
}
