export type { BreakerState } from './breaker';
export { createUpstream } from './fetcher';
export type { Upstream } from './fetcher';
export { DEFAULT_UPSTREAM_SETTINGS } from './options';
export type { BreakerSettings, UpstreamSettings } from './options';
