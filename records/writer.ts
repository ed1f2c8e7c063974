import type pg from 'pg';
import { inTransaction } from '../postgres/transaction';
import type { ChainHead } from './commit';
import { batchBegin, insertBatch } from './commit';
import { RecordStoreUnavailable } from './errors';
import type { AccessRecord } from './record';
import { DEFAULT_RECORDS_SCHEMA, recordsTable } from './sql';
import { normaliseRecord } from './validate';

/** Most records one transaction carries. */
export const DEFAULT_MAX_BATCH = 500;
/**
 * Milliseconds an append waits for others to share its transaction when no commit is under
 * way. 0: the transaction starts once the current turn of the event loop ends (appends of the
 * same turn share it); appends arriving while a commit is in flight gather for the next one,
 * so batches grow with the load and an idle gateway adds no wait of its own.
 */
export const DEFAULT_MAX_DELAY_MS = 0;
/** Milliseconds an append may wait for its commit before it fails as unavailable. */
export const DEFAULT_APPEND_TIMEOUT_MS = 5_000;

export interface RecordWriterOptions {
  /** Needs an 'error' listener of its own: an idle connection dropped by the server emits one. */
  pool: pg.Pool;
  /** This writer's chain; one per gateway replica, never shared by two running writers. */
  streamId: string;
  /** Schema of the records table (default 'access_records'). */
  schema?: string;
  /** Most records per transaction (default 500). */
  maxBatch?: number;
  /** How long an append waits for company before its transaction starts when none is in flight (default 0). */
  maxDelayMs?: number;
  /** An append not committed by then rejects with RecordStoreUnavailable (default 5 s). */
  timeoutMs?: number;
  /** Told of every failed batch, e.g. to log it; the error carries no personal data. */
  onError?: (error: RecordStoreUnavailable) => void;
}

/** Where an appended record was committed. */
export interface AppendResult {
  id: string;
  seq: number;
  hash: string;
}

/** Counters since the writer was created: transactions committed and records in them. */
export interface WriterStats {
  batches: number;
  records: number;
  failedBatches: number;
}

/** One transaction of the writer, as told to its observers (for /metrics). */
export interface BatchReport {
  /** Records in the transaction. */
  size: number;
  /** Milliseconds from BEGIN to COMMIT (or to the failure). */
  durationMs: number;
  committed: boolean;
}

/** Appends access records to one hash-chained stream, many records per transaction. */
export interface RecordWriter {
  /**
   * Resolves once the record is durably committed; rejects with RecordStoreUnavailable when
   * it is not (release no personal data then), or InvalidRecord when it is malformed.
   */
  append(record: AccessRecord): Promise<AppendResult>;
  /** Commits everything appended so far; resolves when each append has settled. */
  flush(): Promise<void>;
  /** Refuses further appends and flushes. Does not end the pool. */
  close(): Promise<void>;
  /** False from a failed or late commit until a commit succeeds again. */
  healthy(): boolean;
  stats(): WriterStats;
  /** Records appended and waiting for a transaction (not the one in flight). */
  queued(): number;
  /** Tells `listener` of every transaction from now on. */
  observe(listener: (batch: BatchReport) => void): void;
}

interface Pending {
  record: AccessRecord;
  settled: boolean;
  resolve(result: AppendResult): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

/**
 * Group commit: appends arriving together (within `maxDelayMs`, up to `maxBatch`) share one
 * transaction, and while one commits the next batch gathers. A failed batch leaves the chain
 * where it was: the next one re-reads the stream's head and continues without a gap.
 */
export function createRecordWriter(options: RecordWriterOptions): RecordWriter {
  const { pool, streamId } = options;
  const table = recordsTable(options.schema ?? DEFAULT_RECORDS_SCHEMA);
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_APPEND_TIMEOUT_MS;
  const stats: WriterStats = { batches: 0, records: 0, failedBatches: 0 };
  let queue: Pending[] = [];
  // null: unknown (at start, or after a failure whose COMMIT may or may not have landed).
  let head: ChainHead | null = null;
  let inFlight: Promise<void> | null = null;
  let delay: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let ok = true;
  let closed = false;
  const observers: ((batch: BatchReport) => void)[] = [];
  const report = (batch: BatchReport) => observers.forEach((observe) => observe(batch));

  function settle(entry: Pending): boolean {
    if (entry.settled) return false;
    entry.settled = true;
    clearTimeout(entry.timer);
    return true;
  }

  function fail(entries: readonly Pending[], error: RecordStoreUnavailable): void {
    ok = false;
    for (const entry of entries) if (settle(entry)) entry.reject(error);
  }

  function schedule(): void {
    if (inFlight) return; // the batch after it starts when it ends
    if (queue.length >= maxBatch) startBatch();
    else if (maxDelayMs > 0) delay ??= setTimeout(startBatch, maxDelayMs);
    else immediate ??= setImmediate(startBatch);
  }

  function startBatch(): void {
    if (delay) clearTimeout(delay);
    if (immediate) clearImmediate(immediate);
    delay = null;
    immediate = null;
    queue = queue.filter((e) => !e.settled);
    const batch = queue.splice(0, maxBatch);
    if (batch.length === 0) return;
    inFlight = runBatch(batch).finally(() => {
      inFlight = null;
      if (queue.length > 0) startBatch();
    });
  }

  async function runBatch(batch: Pending[]): Promise<void> {
    const started = performance.now();
    try {
      const stored = await inTransaction(
        pool,
        async (client) => {
          // Appends that timed out while waiting are not stored: their callers withheld the data.
          batch = batch.filter((e) => !e.settled);
          if (batch.length === 0) return [];
          const records = batch.map((e) => e.record);
          return insertBatch(client, table, streamId, head, records);
        },
        { begin: batchBegin(timeoutMs) },
      );
      if (stored.length === 0) return;
      const last = stored[stored.length - 1]!;
      head = { seq: last.seq, hash: last.hash };
      ok = true;
      stats.batches += 1;
      stats.records += stored.length;
      report({ size: stored.length, durationMs: performance.now() - started, committed: true });
      stored.forEach(({ id, seq, hash }, i) => {
        if (settle(batch[i]!)) batch[i]!.resolve({ id, seq, hash });
      });
    } catch (error) {
      head = null;
      stats.failedBatches += 1;
      report({ size: batch.length, durationMs: performance.now() - started, committed: false });
      const unavailable = new RecordStoreUnavailable(streamId, (error as Error).message, {
        cause: error,
      });
      fail(batch, unavailable);
      options.onError?.(unavailable);
    }
  }

  async function flush(): Promise<void> {
    while (inFlight || queue.some((e) => !e.settled)) {
      if (!inFlight) startBatch();
      await inFlight;
    }
  }

  return {
    append(record) {
      if (closed) {
        return Promise.reject(new Error(`The record writer of stream '${streamId}' is closed.`));
      }
      let normalised: AccessRecord;
      try {
        normalised = normaliseRecord(record);
      } catch (error) {
        return Promise.reject(error);
      }
      return new Promise<AppendResult>((resolve, reject) => {
        const entry: Pending = { record: normalised, settled: false, resolve, reject };
        entry.timer = setTimeout(() => {
          const late = new RecordStoreUnavailable(streamId, `not committed within ${timeoutMs} ms`);
          const first = ok; // report once per outage, not once per waiting request
          fail([entry], late);
          if (first) options.onError?.(late);
        }, timeoutMs).unref();
        queue.push(entry);
        schedule();
      });
    },
    flush,
    async close() {
      closed = true;
      await flush();
    },
    healthy: () => ok,
    stats: () => ({ ...stats }),
    queued: () => queue.reduce((n, e) => n + (e.settled ? 0 : 1), 0),
    observe: (listener) => void observers.push(listener),
  };
}
