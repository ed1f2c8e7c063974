import type { Database } from '../../kit';
import { loadObservations } from './observations';
import { longestWindowMs, type AnomalyPolicy } from './policy';
import { relationsOf, type DirectoryEntry } from './relations';
import { evaluate } from './rules';
import { recordFindings } from './store';

/** How often the rules run: every minute. */
export const DEFAULT_ANOMALY_INTERVAL_MS = 60_000;

/** The advisory lock whose holder runs the rules ('anom' in ASCII). */
export const ANOMALY_LOCK_KEY = 0x616e6f6d;

/** What one run did: nothing (another replica was running them), or records read and incidents raised. */
export type RunResult = { leader: false } | { leader: true; records: number; raised: number };

export interface AnomalyRunner {
  /** One run now (the timer calls it every interval). */
  runOnce(now?: Date): Promise<RunResult>;
  stop(): Promise<void>;
}

/**
 * Runs the anomaly rules every `intervalMs` inside the data bureau. Several replicas may run
 * it: each run is one transaction that first takes a transaction-level PostgreSQL advisory
 * lock, so only one replica runs the rules at a time and the others skip that turn; incidents
 * are keyed (rule, subject, window), so runs by different replicas never report one twice.
 */
export function startAnomalyRunner(
  db: Database,
  policy: AnomalyPolicy,
  options: { intervalMs?: number; lockKey?: number; onError?: (error: unknown) => void } = {},
): AnomalyRunner {
  let running: Promise<RunResult> | null = null;
  let stopped = false;

  const run = (now: Date): Promise<RunResult> =>
    db.transaction(async (client) => {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [options.lockKey ?? ANOMALY_LOCK_KEY],
      );
      if (!rows[0]?.locked) return { leader: false };
      const from = new Date(now.getTime() - longestWindowMs(policy));
      const records = await loadObservations(client, { from, to: now });
      const directory = await client.query<DirectoryEntry>(
        'SELECT id, department, person_id AS "personId", household FROM official',
      );
      const findings = await evaluate(records, {
        policy,
        now: now.getTime(),
        relations: relationsOf(directory.rows),
      });
      const raised = await recordFindings(client, findings, policy, now, records.length);
      return { leader: true, records: records.length, raised };
    });

  function runOnce(now = new Date()): Promise<RunResult> {
    if (stopped) return Promise.resolve({ leader: false });
    running ??= run(now).finally(() => {
      running = null;
    });
    return running;
  }

  const timer = setInterval(() => {
    runOnce().catch((error: unknown) => options.onError?.(error));
  }, options.intervalMs ?? DEFAULT_ANOMALY_INTERVAL_MS);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
