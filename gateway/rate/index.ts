export { createRateLimiter } from './limiter';
export type { RateLimiter, RateVerdict } from './limiter';
export { DEFAULT_RATE_LIMIT_SETTINGS, DEFAULT_REDIS_SETTINGS } from './options';
export type { RateLimitSettings, RedisSettings } from './options';
export { gcra } from './gcra';
export type { Bucket, BucketState } from './gcra';
