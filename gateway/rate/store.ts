import type Redis from 'ioredis';
import { gcra, GCRA_SCRIPT, intervalUs, type Bucket, type BucketState } from './gcra';

/** Counts a request in its buckets; all of them move, or (refused) none. */
export type TakeRate = (buckets: readonly Bucket[]) => Promise<BucketState[]>;

/** Keys kept in memory before expired buckets are swept. */
const SWEEP_AT = 10_000;

/** GCRA in this process's memory: the insurance limiter, or the only one without Redis. */
export function memoryRates(nowUs: () => number = () => Date.now() * 1000): TakeRate {
  const tats = new Map<string, number>();
  return async (buckets) => {
    const now = nowUs();
    if (tats.size > SWEEP_AT) for (const [key, tat] of tats) if (tat <= now) tats.delete(key);
    const { states, newTats } = gcra(
      buckets,
      buckets.map((b) => tats.get(b.key)),
      now,
    );
    newTats?.forEach((tat, i) => tats.set(buckets[i]!.key, tat));
    return states;
  };
}

/** GCRA in Redis, one atomic script per request, shared by every replica. */
export function redisRates(redis: Redis): TakeRate {
  redis.defineCommand('gatewayGcra', { lua: GCRA_SCRIPT });
  const run = (redis as unknown as Record<string, (...args: unknown[]) => Promise<number[]>>)
    .gatewayGcra!;
  return async (buckets) => {
    const args = buckets.flatMap((b) => [intervalUs(b), b.windowMs * 1000]);
    const out = await run.call(redis, buckets.length, ...buckets.map((b) => b.key), ...args);
    return buckets.map((_, i) => ({
      allowed: out[4 * i] === 1,
      remaining: out[4 * i + 1]!,
      retryUs: out[4 * i + 2]!,
      resetUs: out[4 * i + 3]!,
    }));
  };
}
