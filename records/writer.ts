import pg from 'pg';
import { checkout } from '../postgres/checkout';
import type { BatchProgress, ChainHead } from './commit';
import { chainMoved, chainRecords, commitBatch } from './commit';
import { abandon, DeadlineExceeded } from './deadlines';
import { RecordStoreUnavailable } from './errors';
import { trackHealth } from './health';
import { partitionKeeper } from './partitions';
import { probeStore } from './probe';
import type { AccessRecord, StoredRecord } from './record';
import { DEFAULT_RECORDS_SCHEMA, recordsTable } from './sql';
import {
  DEFAULT_APPEND_TIMEOUT_MS,
  DEFAULT_MAX_BATCH,
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_PIPELINE_DEPTH,
  type AppendResult,
  type BatchReport,
  type RecordWriter,
  type RecordWriterOptions,
  type WriterStats,
} from './writer-api';
import { fail, noop, partition, settle, type Pending } from './pending';
import { normaliseRecord } from './validate';

/** Milliseconds a failed batch of compensating records waits before it is tried again. */
const RETRY_DELAY_MS = 500;

/**
 * Group commit: appends arriving together (within `maxDelayMs`, up to `maxBatch`) share one
 * transaction. While one commits, the next is chained from its head and sent on another
 * connection (up to `pipelineDepth` in flight); the server commits them in order and refuses
 * one whose predecessor failed (commit.ts). A failed batch leaves the chain where it was: what
 * was sent after it is chained again, from the head the next batch reads, without a gap.
 */
export function createRecordWriter(options: RecordWriterOptions): RecordWriter {
  const { pool, streamId } = options;
  const schema = options.schema ?? DEFAULT_RECORDS_SCHEMA;
  const table = recordsTable(schema);
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_APPEND_TIMEOUT_MS;
  const depth = Math.max(1, options.pipelineDepth ?? DEFAULT_PIPELINE_DEPTH);
  // The server must refuse a COMMIT before the caller stops waiting, not after.
  const marginMs = Math.min(500, Math.floor(timeoutMs / 10));
  const stats: WriterStats = {
    batches: 0,
    records: 0,
    failedBatches: 0,
    compensations: 0,
    abandoned: 0,
    chainedAhead: 0,
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
  // Where the next batch is chained: the head of the last batch sent (null: read it).
  let tip: ChainHead | null = null;
  const running = new Set<Promise<void>>();
  let delay: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let retry: NodeJS.Timeout | null = null;
  const clients = new Set<pg.PoolClient>();
  let closed = false;
  let givenUp = false;
  let lastFailed = false;

  /** One batch at a time while the head is unknown; then up to `depth`, chained ahead. */
  function canStart(): boolean {
    return running.size === 0 || (running.size < depth && tip !== null);
  }

  function schedule(): void {
    if (!canStart()) return; // the batch after it starts when one ends
    if (queue.length >= maxBatch) startBatch();
    else if (maxDelayMs > 0) delay ??= setTimeout(startBatch, maxDelayMs);
    else immediate ??= setImmediate(startBatch);
  }

  function startBatch(): void {
    for (const t of [delay, retry]) if (t) clearTimeout(t);
    if (immediate) clearImmediate(immediate);
    delay = retry = immediate = null;
    if (!canStart()) return;
    queue = queue.filter((e) => !e.settled);
    const batch = queue.splice(0, maxBatch);
    if (batch.length === 0) return;
    const after = tip;
    const chained = after
      ? chainRecords(
          streamId,
          after,
          batch.map((e) => e.record),
        )
      : undefined;
    if (chained) tip = { seq: chained.at(-1)!.seq, hash: chained.at(-1)!.hash };
    const run: Promise<void> = runBatch(batch, after, chained).finally(() => {
      running.delete(run);
      if (queue.length === 0 || givenUp || running.size > 0) return;
      // Only compensations left after a failure: do not hammer a store that is down.
      if (lastFailed && queue.every((e) => !e.deadline)) {
        retry = setTimeout(startBatch, RETRY_DELAY_MS).unref();
      } else startBatch();
    });
    running.add(run);
    if (queue.length > 0) schedule();
  }

  function compensate(entries: readonly Pending[]): void {
    for (const entry of entries) {
      if (!entry.compensation) continue;
      stats.compensations += 1;
      queue.push({ record: entry.compensation, settled: false, resolve: noop, reject: noop });
    }
  }

  async function runBatch(
    batch: Pending[],
    after: ChainHead | null,
    chained: StoredRecord[] | undefined,
  ): Promise<void> {
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
      client = await checkout(pool);
      clients.add(client);
      if (late) throw new DeadlineExceeded('the connection checkout', timeoutMs);
      if (chained && batch.some((e) => e.settled)) {
        // Chained already: an append given up meanwhile cannot be left out, so none is sent.
        progress.aborted = true;
        throw new Error('an append of the batch was given up before it was sent');
      }
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
        after && chained ? { after, stored: chained } : { records },
        giveUpAt - marginMs,
        progress,
      );
      const last = stored[stored.length - 1]!;
      // The server commits a stream's batches in order; answers may still arrive out of it.
      if (!head || last.seq > head.seq) head = { seq: last.seq, hash: last.hash };
      if (!tip && running.size <= 1) tip = head;
      health.succeeded(Date.now() - started);
      lastFailed = false;
      stats.batches += 1;
      stats.records += stored.length;
      if (after) stats.chainedAhead += 1;
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
      tip = null;
      lastFailed = true;
      stats.failedBatches += 1;
      report({ size: batch.length, durationMs: Date.now() - started, committed: false });
      const unavailable = new RecordStoreUnavailable(streamId, failure.message, { cause: error });
      // Sent after a batch that failed: not a failure of the store; chained again next.
      const moved = !late && chainMoved(error);
      if (!moved) health.failed(unavailable.message);
      // A server's refusal of the transaction is final; a connection lost after COMMIT is not.
      if (progress.commitSent && !(error instanceof pg.DatabaseError)) compensate(batch);
      const [kept, lost] = partition(batch, (e) => !e.deadline && !givenUp);
      if (progress.aborted || moved) {
        // Given up before COMMIT, or refused behind a failed batch: who still has time goes
        // in the next one, chained from the stored head.
        queue.unshift(...batch.filter((e) => !e.settled));
      } else {
        queue.unshift(...kept);
        fail(lost, unavailable);
      }
      if (!moved) options.onError?.(unavailable);
    } finally {
      clearTimeout(watchdog);
      if (client) clients.delete(client);
      // A connection that failed mid-transaction is discarded, not returned to the pool.
      client?.release(failure);
    }
  }

  async function flush(): Promise<void> {
    while (!givenUp && (running.size > 0 || queue.some((e) => !e.settled))) {
      if (running.size === 0 && lastFailed && queue.every((e) => !e.deadline)) {
        // Only compensations left, and the store just failed: retry at the retry pace.
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
        continue;
      }
      if (running.size === 0) startBatch();
      await Promise.all(running);
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
      if (running.size === 0 && !queue.some((e) => !e.settled)) return;
      givenUp = true;
      for (const client of clients) abandon(client);
      if (retry) clearTimeout(retry);
      fail(queue, new RecordStoreUnavailable(streamId, 'the writer was closed'));
      queue = [];
      await Promise.all(running);
    },
    healthy: () => health.report().status === 'up',
    health: () => health.report(),
    head: () => (head ? { ...head } : null),
    stats: () => ({ ...stats }),
    queued: () => queue.reduce((n, e) => n + (e.settled ? 0 : 1), 0),
    observe: (listener) => void observers.push(listener),
  };
}
