/** Requests an official (or a citizen, or an anonymous address) may send per window. */
export const DEFAULT_RATE_LIMIT_OFFICIAL = 300;
/** Requests all officials of one application may send per window. */
export const DEFAULT_RATE_LIMIT_APPLICATION = 3_000;
/** Requests all officials of one department may send per window. */
export const DEFAULT_RATE_LIMIT_DEPARTMENT = 6_000;
/** The window the limits are counted over, in milliseconds. */
export const DEFAULT_RATE_LIMIT_WINDOW_MS = 60_000;
/** Milliseconds the gateway waits for Redis before it limits with its own memory instead. */
export const DEFAULT_REDIS_TIMEOUT_MS = 100;
/** What every Redis key of the gateway starts with. */
export const DEFAULT_REDIS_PREFIX = 'gateway';

/** Rate limits: a GCRA bucket per caller, per application and per department. */
export interface RateLimitSettings {
  /** Per caller: an official, a citizen, or (anonymous) a client address. */
  official: number;
  application: number;
  department: number;
  /** Each limit allows its number of requests per window, refilled evenly (GCRA). */
  windowMs: number;
}

/** Where rates and quotas are shared between replicas. */
export interface RedisSettings {
  /** Unset: each replica limits and counts in its own memory. */
  url: string | null;
  prefix: string;
  timeoutMs: number;
}

export const DEFAULT_RATE_LIMIT_SETTINGS: Readonly<RateLimitSettings> = Object.freeze({
  official: DEFAULT_RATE_LIMIT_OFFICIAL,
  application: DEFAULT_RATE_LIMIT_APPLICATION,
  department: DEFAULT_RATE_LIMIT_DEPARTMENT,
  windowMs: DEFAULT_RATE_LIMIT_WINDOW_MS,
});

export const DEFAULT_REDIS_SETTINGS: Readonly<RedisSettings> = Object.freeze({
  url: null,
  prefix: DEFAULT_REDIS_PREFIX,
  timeoutMs: DEFAULT_REDIS_TIMEOUT_MS,
});
