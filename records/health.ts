/** What the gateway knows of the record store right now, for /readyz and the logs. */
export interface StoreHealth {
  status: 'up' | 'down';
  /** ISO time of the latest evidence (a probe or a batch), null before any. */
  checkedAt: string | null;
  /** Milliseconds the latest successful probe or commit took. */
  latencyMs: number | null;
  /** Why it is down (no personal data in it). */
  reason?: string;
}

export interface HealthTracker {
  report(): StoreHealth;
  succeeded(latencyMs: number): void;
  failed(reason: string): void;
  stop(): void;
}

/**
 * The latest evidence wins: a failed commit or probe marks the store down, a successful one
 * up. With `probe` set, the store is checked every `intervalMs` whether or not requests come,
 * so the gateway notices an outage while idle and recovers by itself when the store is back;
 * evidence older than `staleAfterMs` (a probe that hangs) counts as down.
 */
export function trackHealth(options: {
  probe?: () => Promise<void>;
  intervalMs?: number;
  staleAfterMs?: number;
}): HealthTracker {
  let state: StoreHealth = { status: 'up', checkedAt: null, latencyMs: null };
  let at = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tracker: HealthTracker = {
    report() {
      const stale = options.staleAfterMs && Date.now() - at > options.staleAfterMs;
      if (stale && state.status === 'up') {
        return { ...state, status: 'down', reason: `no answer for ${Date.now() - at} ms` };
      }
      return { ...state };
    },
    succeeded(latencyMs) {
      at = Date.now();
      state = { status: 'up', checkedAt: new Date(at).toISOString(), latencyMs };
    },
    failed(reason) {
      at = Date.now();
      state = { status: 'down', checkedAt: new Date(at).toISOString(), latencyMs: null, reason };
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
  const { probe, intervalMs } = options;
  if (probe && intervalMs) {
    const tick = async () => {
      const started = Date.now();
      try {
        await probe();
        tracker.succeeded(Date.now() - started);
      } catch (error) {
        tracker.failed((error as Error).message);
      }
      if (!stopped) timer = setTimeout(() => void tick(), intervalMs).unref();
    };
    timer = setTimeout(() => void tick(), 0).unref();
  }
  return tracker;
}
