import type Redis from 'ioredis';
import { insured } from '../redis';

/** Distinct persons counted under one key: before and after an addition. */
export interface Tally {
  before: number;
  after: number;
}

/** Where quotas are counted: distinct person ids per key, kept a day or two. */
export interface QuotaCounts {
  count(keys: readonly string[]): Promise<number[]>;
  /** Adds the ids to every key (each key expiring after `ttlSec`); one tally per key. */
  add(keys: readonly string[], ids: readonly string[], ttlSec: number): Promise<Tally[]>;
}

/**
 * PFCOUNT, PFADD, PFCOUNT and EXPIRE per key, atomic, so that exactly one request sees a
 * threshold crossed however many replicas count at once.
 */
const ADD_SCRIPT = `
local out = {}
for i = 1, #KEYS do
  out[#out + 1] = redis.call('PFCOUNT', KEYS[i])
  redis.call('PFADD', KEYS[i], unpack(ARGV, 2))
  redis.call('EXPIRE', KEYS[i], tonumber(ARGV[1]))
  out[#out + 1] = redis.call('PFCOUNT', KEYS[i])
end
return out
`;

/**
 * Quotas counted in Redis HyperLogLogs: a few hundred bytes per (grant, official, day) and
 * no person id stored (the access records hold who was read); exact in practice for small
 * counts, about 0.8 % standard error for large ones.
 */
export function redisQuotaCounts(redis: Redis): QuotaCounts {
  redis.defineCommand('gatewayQuotaAdd', { lua: ADD_SCRIPT });
  const run = (redis as unknown as Record<string, (...args: unknown[]) => Promise<number[]>>)
    .gatewayQuotaAdd!;
  return {
    async count(keys) {
      const replies = await redis.pipeline(keys.map((k) => ['pfcount', k])).exec();
      return (replies ?? []).map(([error, value]) => {
        if (error) throw error;
        return Number(value);
      });
    },
    async add(keys, ids, ttlSec) {
      const out = await run.call(redis, keys.length, ...keys, ttlSec, ...ids);
      return keys.map((_, i) => ({ before: out[2 * i]!, after: out[2 * i + 1]! }));
    },
  };
}

/** Quotas counted in this replica's memory (exact sets), expiring like the Redis keys. */
export function memoryQuotaCounts(now: () => number = Date.now): QuotaCounts {
  const sets = new Map<string, { ids: Set<string>; expiresAt: number }>();
  const live = (key: string) => {
    const entry = sets.get(key);
    if (entry && entry.expiresAt <= now()) sets.delete(key);
    return sets.get(key);
  };
  return {
    async count(keys) {
      return keys.map((k) => live(k)?.ids.size ?? 0);
    },
    async add(keys, ids, ttlSec) {
      return keys.map((key) => {
        const entry = live(key) ?? { ids: new Set<string>(), expiresAt: 0 };
        const before = entry.ids.size;
        for (const id of ids) entry.ids.add(id);
        entry.expiresAt = now() + ttlSec * 1000;
        sets.set(key, entry);
        return { before, after: entry.ids.size };
      });
    },
  };
}

/** Redis when it answers, else this replica's memory (fail safe: still counted, never unlimited). */
export function insuredQuotaCounts(redis: Redis | null): QuotaCounts {
  const local = memoryQuotaCounts();
  const shared = redis && redisQuotaCounts(redis);
  return {
    count: insured(shared && shared.count, local.count),
    add: insured(shared && shared.add, local.add),
  };
}
