/** One rate-limit bucket a request is counted in. */
export interface Bucket {
  /** The policy's name in the RateLimit headers: official, citizen, anonymous, application, department. */
  policy: string;
  /** The bucket's storage key (prefix, policy and whose bucket it is). */
  key: string;
  /** Requests per window. */
  limit: number;
  windowMs: number;
}

/** What one bucket says about a request. */
export interface BucketState {
  allowed: boolean;
  /** Requests still allowed right now (0 when refused). */
  remaining: number;
  /** Microseconds until a request would be allowed (0 when allowed). */
  retryUs: number;
  /** Microseconds until the bucket is full again. */
  resetUs: number;
}

/**
 * The generic cell rate algorithm over several buckets at once, as the Lua script below
 * runs it in Redis: a bucket's theoretical arrival time (tat) moves on by window/limit per
 * request; a request is allowed when every bucket's new tat stays within one window of now.
 * A refused request moves no bucket. Returns each bucket's state and, when allowed, the new tats.
 */
export function gcra(
  buckets: readonly Bucket[],
  tats: readonly (number | undefined)[],
  nowUs: number,
): { states: BucketState[]; newTats: number[] | null } {
  const newTats: number[] = [];
  const states = buckets.map((bucket, i) => {
    const interval = intervalUs(bucket);
    const periodUs = bucket.windowMs * 1000;
    const tat = Math.max(tats[i] ?? nowUs, nowUs);
    const next = tat + interval;
    const wait = next - periodUs - nowUs;
    newTats.push(next);
    if (wait > 0) return { allowed: false, remaining: 0, retryUs: wait, resetUs: tat - nowUs };
    return {
      allowed: true,
      remaining: Math.floor((nowUs + periodUs - next) / interval),
      retryUs: 0,
      resetUs: next - nowUs,
    };
  });
  return { states, newTats: states.every((s) => s.allowed) ? newTats : null };
}

/** Microseconds between two requests at the sustained rate. */
export function intervalUs(bucket: Bucket): number {
  return Math.max(1, Math.floor((bucket.windowMs * 1000) / bucket.limit));
}

/**
 * gcra() in Redis, atomic over all of a request's buckets. KEYS: the buckets; ARGV: per
 * bucket its interval and window in microseconds. Redis's own clock, so replicas agree.
 * Returns per bucket: allowed (0/1), remaining, retry and reset in microseconds.
 * Audit before changing: it must stay the same algorithm as gcra().
 */
export const GCRA_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local out, tats, refused = {}, {}, false
for i = 1, #KEYS do
  local interval = tonumber(ARGV[2 * i - 1])
  local period = tonumber(ARGV[2 * i])
  local tat = tonumber(redis.call('GET', KEYS[i])) or now
  if tat < now then tat = now end
  local nxt = tat + interval
  local wait = nxt - period - now
  tats[i] = nxt
  if wait > 0 then
    refused = true
    out[#out + 1] = 0; out[#out + 1] = 0; out[#out + 1] = wait; out[#out + 1] = tat - now
  else
    out[#out + 1] = 1; out[#out + 1] = math.floor((now + period - nxt) / interval)
    out[#out + 1] = 0; out[#out + 1] = nxt - now
  end
end
if not refused then
  for i = 1, #KEYS do
    redis.call('SET', KEYS[i], string.format('%.0f', tats[i]), 'PX', math.ceil((tats[i] - now) / 1000) + 1)
  end
end
return out
`;
