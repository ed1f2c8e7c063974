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
 * closes the breaker, its failure opens it again. Every subgraph call records an outcome, so the
 * window is a queue with running counts: expired outcomes leave from its front, nothing is
 * rescanned (filtering the whole window on each call was 4 % of the gateway's CPU on the
 * six-department profile at 100 requests/s).
 */
export function createBreaker(settings: BreakerSettings, now: () => number = Date.now): Breaker {
  const window = outcomeWindow(settings.windowMs);
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
        window.clear();
        return;
      }
      const at = now();
      window.add(at, ok);
      if (
        window.size() >= settings.minCalls &&
        window.failed() / window.size() >= settings.failureRatio
      ) {
        openedAt = at;
        window.clear();
      }
    },
  };
}

/** Outcomes of the last `windowMs`, oldest first, with the count of failed ones. */
function outcomeWindow(windowMs: number) {
  let times: number[] = [];
  let oks: boolean[] = [];
  let head = 0;
  let failed = 0;
  return {
    add(at: number, ok: boolean): void {
      while (head < times.length && at - times[head]! >= windowMs) {
        if (!oks[head]) failed -= 1;
        head += 1;
      }
      // Drop the expired front once it is most of the arrays.
      if (head > 1024 && head * 2 > times.length) {
        times = times.slice(head);
        oks = oks.slice(head);
        head = 0;
      }
      times.push(at);
      oks.push(ok);
      if (!ok) failed += 1;
    },
    size: () => times.length - head,
    failed: () => failed,
    clear(): void {
      times = [];
      oks = [];
      head = 0;
      failed = 0;
    },
  };
}
