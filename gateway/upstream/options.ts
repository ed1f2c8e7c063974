/** Milliseconds a subgraph call may take before it is abandoned (SUBGRAPH_TIMEOUT). */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 5_000;
/** Calls in flight per subgraph; more wait in line (the bulkhead). */
export const DEFAULT_SUBGRAPH_MAX_CONCURRENT = 32;
/** Calls waiting per subgraph beyond those in flight; more are refused at once. */
export const DEFAULT_SUBGRAPH_MAX_QUEUED = 64;
/** Calls in the breaker's window before it may open. */
export const DEFAULT_BREAKER_MIN_CALLS = 10;
/** Share of failed calls in the window that opens the breaker. */
export const DEFAULT_BREAKER_FAILURE_RATIO = 0.5;
/** Milliseconds of the breaker's rolling window. */
export const DEFAULT_BREAKER_WINDOW_MS = 10_000;
/** Milliseconds an open breaker refuses calls before it lets one probe through. */
export const DEFAULT_BREAKER_OPEN_MS = 5_000;

/** How the gateway calls each subgraph. */
export interface UpstreamSettings {
  timeoutMs: number;
  /** Per-subgraph timeouts, by subgraph name. */
  timeouts: Readonly<Record<string, number>>;
  maxConcurrent: number;
  maxQueued: number;
  breaker: BreakerSettings;
}

export interface BreakerSettings {
  minCalls: number;
  failureRatio: number;
  windowMs: number;
  openMs: number;
}

export const DEFAULT_UPSTREAM_SETTINGS: Readonly<UpstreamSettings> = Object.freeze({
  timeoutMs: DEFAULT_SUBGRAPH_TIMEOUT_MS,
  timeouts: {},
  maxConcurrent: DEFAULT_SUBGRAPH_MAX_CONCURRENT,
  maxQueued: DEFAULT_SUBGRAPH_MAX_QUEUED,
  breaker: {
    minCalls: DEFAULT_BREAKER_MIN_CALLS,
    failureRatio: DEFAULT_BREAKER_FAILURE_RATIO,
    windowMs: DEFAULT_BREAKER_WINDOW_MS,
    openMs: DEFAULT_BREAKER_OPEN_MS,
  },
});
