import type { BreakerSettings } from './options';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** A circuit breaker for one subgraph: opens on a failure rate over a volume, probes half-open. */
export interface Breaker {
  /** Whether a call may go out now (half-open: one probe at a time). */
  allow(): boolean;
  record(ok: boolean): void;
  state(): BreakerState;
}

/**
 * Counts outcomes in a rolling window; at `minCalls` or more with a failed share of
 * `failureRatio` or more it opens for `openMs`, then lets one probe through: its success
 * closes the breaker, its failure opens it again.
 */
export function createBreaker(settings: BreakerSettings, now: () => number = Date.now): Breaker {
  let outcomes: { at: number; ok: boolean }[] = [];
  let openedAt: number | null = null;
  let probing = false;
  const state = (): BreakerState =>
    openedAt === null ? 'closed' : now() - openedAt < settings.openMs ? 'open' : 'half-open';
  return {
    state,
    allow() {
      const current = state();
      if (current === 'closed') return true;
      if (current === 'open' || probing) return false;
      probing = true;
      return true;
    },
    record(ok) {
      if (state() === 'half-open' && probing) {
        probing = false;
        openedAt = ok ? null : now();
        outcomes = [];
        return;
      }
      const at = now();
      outcomes = outcomes.filter((o) => at - o.at < settings.windowMs);
      outcomes.push({ at, ok });
      const failed = outcomes.filter((o) => !o.ok).length;
      if (
        outcomes.length >= settings.minCalls &&
        failed / outcomes.length >= settings.failureRatio
      ) {
        openedAt = at;
        outcomes = [];
      }
    },
  };
}
