import pg from 'pg';
import { checkout } from '../postgres/checkout';
import type { BatchProgress, ChainHead } from './commit';
import { commitBatch } from './commit';
import { abandon, DeadlineExceeded } from './deadlines';
import { RecordStoreUnavailable } from './errors';
import { trackHealth } from './health';
import { partitionKeeper } from './partitions';
import { probeStore } from './probe';
import type { AccessRecord } from './record';
import { DEFAULT_RECORDS_SCHEMA, recordsTable } from './sql';
import {
  DEFAULT_APPEND_TIMEOUT_MS,
  DEFAULT_MAX_BATCH,
  DEFAULT_MAX_DELAY_MS,
  type AppendResult,
  type BatchReport,
  type RecordWriter,
  type RecordWriterOptions,
  type WriterStats,
} from './writer-api';
import { normaliseRecord } from './validate';

/** Milliseconds a failed batch of compensating records waits before it is tried again. */
const RETRY_DELAY_MS = 500;

interface Pending {
  record: AccessRecord;
  compensation?: AccessRecord;
  /** Epoch ms the caller stops waiting; undefined for a compensating record (kept until stored). */
  deadline?: number;
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
  const schema = options.schema ?? DEFAULT_RECORDS_SCHEMA;
  const table = recordsTable(schema);
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_APPEND_TIMEOUT_MS;
  // The server must refuse a COMMIT before the caller stops waiting, not after.
  const marginMs = Math.min(500, Math.floor(timeoutMs / 10));
  const stats: WriterStats = {
    batches: 0,
    records: 0,
    failedBatches: 0,
    compensations: 0,
    abandoned: 0,
  };
  const health = trackHealth({
    probe: () => probeStore(pool, table, timeoutMs),
    intervalMs: options.probeIntervalMs ?? 0,
    staleAfterMs: options.probeIntervalMs ? options.probeIntervalMs * 2 + timeoutMs : undefined,
  });
  const ensureMonths = partitionKeeper(schema);
  let queue: Pending[] = [];
  const observers: ((batch: BatchReport) => void)[] = [];
  const report = (batch: BatchReport) => observers.forEach((observe) => observe(batch));
  // null: unknown (at start, or after a failure whose COMMIT may or may not have landed).
  let head: ChainHead | null = null;
  let inFlight: Promise<void> | null = null;
  let delay: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let retry: NodeJS.Timeout | null = null;
  let current: pg.PoolClient | undefined;
  let closed = false;
  let givenUp = false;
  let lastFailed = false;

  function settle(entry: Pending): boolean {
    if (entry.settled) return false;
    entry.settled = true;
    clearTimeout(entry.timer);
    return true;
  }

  function fail(entries: readonly Pending[], error: RecordStoreUnavailable): void {
    for (const entry of entries) if (settle(entry)) entry.reject(error);
  }

  function schedule(): void {
    if (inFlight) return; // the batch after it starts when it ends
    if (queue.length >= maxBatch) startBatch();
    else if (maxDelayMs > 0) delay ??= setTimeout(startBatch, maxDelayMs);
    else immediate ??= setImmediate(startBatch);
  }

  function startBatch(): void {
    for (const t of [delay, retry]) if (t) clearTimeout(t);
    if (immediate) clearImmediate(immediate);
    delay = retry = immediate = null;
    queue = queue.filter((e) => !e.settled);
    const batch = queue.splice(0, maxBatch);
    if (batch.length === 0) return;
    inFlight = runBatch(batch).finally(() => {
      inFlight = null;
      if (queue.length === 0 || givenUp) return;
      // Only compensations left after a failure: do not hammer a store that is down.
      if (lastFailed && queue.every((e) => !e.deadline)) {
        retry = setTimeout(startBatch, RETRY_DELAY_MS).unref();
      } else startBatch();
    });
  }

  function compensate(entries: readonly Pending[]): void {
    for (const entry of entries) {
      if (!entry.compensation) continue;
      stats.compensations += 1;
      queue.push({ record: entry.compensation, settled: false, resolve: noop, reject: noop });
    }
  }

  async function runBatch(batch: Pending[]): Promise<void> {
    let client: pg.PoolClient | undefined;
    let failure: Error | undefined;
    let late = false;
    const progress: BatchProgress = { commitSent: false };
    const deadlines = batch.map((e) => e.deadline ?? Date.now() + timeoutMs);
    const giveUpAt = Math.min(...deadlines);
    // A connection that stops answering is cut when the first caller stops waiting.
    const watchdog = setTimeout(() => {
      late = true;
      if (client) {
        stats.abandoned += 1;
        abandon(client);
      }
    }, giveUpAt - Date.now());
    const started = Date.now();
    try {
      client = current = await checkout(pool);
      if (late) throw new DeadlineExceeded('the connection checkout', timeoutMs);
      // Appends that timed out while waiting are not stored: their callers withheld the data.
      batch = batch.filter((e) => !e.settled);
      if (batch.length === 0) return;
      progress.shouldCommit = () => !late && !batch.some((e) => e.settled);
      const records = batch.map((e) => e.record);
      await ensureMonths(
        client,
        records.map((r) => r.time),
      );
      const stored = await commitBatch(
        client,
        table,
        streamId,
        head,
        records,
        giveUpAt - marginMs,
        progress,
      );
      const last = stored[stored.length - 1]!;
      head = { seq: last.seq, hash: last.hash };
      health.succeeded(Date.now() - started);
      lastFailed = false;
      stats.batches += 1;
      stats.records += stored.length;
      report({ size: stored.length, durationMs: Date.now() - started, committed: true });
      const gaveUp: Pending[] = [];
      stored.forEach(({ id, seq, hash }, i) => {
        if (settle(batch[i]!)) batch[i]!.resolve({ id, seq, hash });
        else gaveUp.push(batch[i]!); // stored, but its caller was told otherwise
      });
      compensate(gaveUp);
    } catch (error) {
      failure = late ? new DeadlineExceeded('the commit', giveUpAt - started) : (error as Error);
      head = null;
      lastFailed = true;
      stats.failedBatches += 1;
      report({ size: batch.length, durationMs: Date.now() - started, committed: false });
      const unavailable = new RecordStoreUnavailable(streamId, failure.message, { cause: error });
      health.failed(unavailable.message);
      // A server's refusal of the transaction is final; a connection lost after COMMIT is not.
      if (progress.commitSent && !(error instanceof pg.DatabaseError)) compensate(batch);
      const [kept, lost] = partition(batch, (e) => !e.deadline && !givenUp);
      if (progress.aborted) {
        // The batch was given up before COMMIT: who still has time goes in the next one.
        queue.unshift(...batch.filter((e) => !e.settled));
      } else {
        queue.unshift(...kept);
        fail(lost, unavailable);
      }
      options.onError?.(unavailable);
    } finally {
      clearTimeout(watchdog);
      current = undefined;
      // A connection that failed mid-transaction is discarded, not returned to the pool.
      client?.release(failure);
    }
  }

  async function flush(): Promise<void> {
    while (!givenUp && (inFlight || queue.some((e) => !e.settled))) {
      if (!inFlight && lastFailed && queue.every((e) => !e.deadline)) {
        // Only compensations left, and the store just failed: retry at the retry pace.
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
        continue;
      }
      if (!inFlight) startBatch();
      await inFlight;
    }
  }

  return {
    append(record, appendOptions = {}) {
      if (closed) {
        return Promise.reject(new Error(`The record writer of stream '${streamId}' is closed.`));
      }
      let normalised: AccessRecord;
      let compensation: AccessRecord | undefined;
      try {
        normalised = normaliseRecord(record);
        if (appendOptions.compensation) compensation = normaliseRecord(appendOptions.compensation);
      } catch (error) {
        return Promise.reject(error);
      }
      return new Promise<AppendResult>((resolve, reject) => {
        const entry: Pending = {
          record: normalised,
          compensation,
          deadline: Date.now() + timeoutMs,
          settled: false,
          resolve,
          reject,
        };
        entry.timer = setTimeout(() => {
          const late = new RecordStoreUnavailable(streamId, `not committed within ${timeoutMs} ms`);
          const first = health.report().status === 'up'; // report once per outage
          health.failed(late.message);
          fail([entry], late);
          if (first) options.onError?.(late);
        }, timeoutMs).unref();
        queue.push(entry);
        schedule();
      });
    },
    flush,
    async close(deadlineMs = timeoutMs) {
      closed = true;
      health.stop();
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deadlineMs);
      });
      await Promise.race([flush(), expired]);
      clearTimeout(timer);
      if (!inFlight && !queue.some((e) => !e.settled)) return;
      givenUp = true;
      if (current) abandon(current);
      if (retry) clearTimeout(retry);
      fail(queue, new RecordStoreUnavailable(streamId, 'the writer was closed'));
      queue = [];
      await inFlight;
    },
    healthy: () => health.report().status === 'up',
    health: () => health.report(),
    head: () => (head ? { ...head } : null),
    stats: () => ({ ...stats }),
    queued: () => queue.reduce((n, e) => n + (e.settled ? 0 : 1), 0),
    observe: (listener) => void observers.push(listener),
  };
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}

function noop(): void {}
