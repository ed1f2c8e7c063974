import type Redis from 'ioredis';
import type { Consumer } from '../../contracts/consumer';
import { ErrorCode } from '../../contracts/errors';
import { HttpError } from '../../contracts/http/http-error';
import { insured } from '../redis';
import type { Bucket, BucketState } from './gcra';
import type { RateLimitSettings } from './options';
import { memoryRates, redisRates } from './store';

/** What the rate limiter says about one request. */
export interface RateVerdict {
  /** The RateLimit-Policy and RateLimit headers (and Retry-After when refused). */
  headers: Record<string, string>;
  /** Null when allowed; else the 429 to answer with. */
  refusal: HttpError | null;
}

export interface RateLimiter {
  /** Counts the request in the caller's, the application's and the department's buckets. */
  check(consumer: Consumer, clientAddress: string | null): Promise<RateVerdict>;
}

/**
 * Rate limits per caller, per application and per department: GCRA buckets shared by every
 * replica in Redis (one atomic script per request), or in this replica's memory when Redis
 * is not configured or does not answer (fail safe: limited locally, never unlimited).
 */
export function createRateLimiter(options: {
  settings: RateLimitSettings;
  redis: Redis | null;
  prefix: string;
}): RateLimiter {
  const { settings, prefix } = options;
  const take = insured(options.redis && redisRates(options.redis), memoryRates());
  const bucket = (policy: string, whose: string, limit: number): Bucket => ({
    policy,
    key: `${prefix}:rate:${policy}:${whose}`,
    limit,
    windowMs: settings.windowMs,
  });
  return {
    async check(consumer, clientAddress) {
      const buckets = [
        consumer.kind === 'anonymous'
          ? bucket('anonymous', clientAddress ?? 'unknown', settings.official)
          : bucket(consumer.kind, consumer.id, settings.official),
      ];
      if (consumer.application)
        buckets.push(bucket('application', consumer.application, settings.application));
      if (consumer.department)
        buckets.push(bucket('department', consumer.department, settings.department));
      const states = await take(buckets);
      return verdict(buckets, states);
    },
  };
}

function verdict(buckets: readonly Bucket[], states: readonly BucketState[]): RateVerdict {
  const window = (b: Bucket) => Math.ceil(b.windowMs / 1000);
  // The bucket that binds: the one refusing longest, else the one with the fewest left.
  let at = 0;
  states.forEach((s, i) => {
    const best = states[at]!;
    if (s.allowed ? best.allowed && s.remaining < best.remaining : s.retryUs > best.retryUs) at = i;
  });
  const binding = buckets[at]!;
  const state = states[at]!;
  const headers: Record<string, string> = {
    'ratelimit-policy': buckets.map((b) => `"${b.policy}";q=${b.limit};w=${window(b)}`).join(', '),
    ratelimit: `"${binding.policy}";r=${state.remaining};t=${Math.ceil(state.resetUs / 1e6)}`,
  };
  if (state.allowed) return { headers, refusal: null };
  const retryAfter = Math.max(1, Math.ceil(state.retryUs / 1e6));
  headers['retry-after'] = String(retryAfter);
  return {
    headers,
    refusal: new HttpError(
      429,
      ErrorCode.RATE_LIMITED,
      `Rate limit reached: at most ${binding.limit} requests per ${window(binding)} s per ` +
        `${binding.policy}. Try again in ${retryAfter} s (Retry-After).`,
      'rate-limited',
      headers,
    ),
  };
}
