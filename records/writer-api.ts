import type pg from 'pg';
import type { ChainHead } from './commit';
import type { RecordStoreUnavailable } from './errors';
import type { StoreHealth } from './health';
import type { AccessRecord } from './record';

/** Most records one transaction carries. */
export const DEFAULT_MAX_BATCH = 500;
/**
 * Milliseconds an append waits for others to share its transaction when no commit is under
 * way. 0: the transaction starts once the current turn of the event loop ends (appends of the
 * same turn share it); appends arriving while a commit is in flight gather for the next one,
 * so batches grow with the load and an idle gateway adds no wait of its own.
 */
export const DEFAULT_MAX_DELAY_MS = 0;
/**
 * Batches in flight at once, each on its own connection: while one commits, the next is
 * chained from its head and sent (1: one at a time, the next gathers until it ends). 1 by
 * default: behind the gateway, 2 made smaller batches and cost more CPU and throughput
 * (bench/results, 2026-11-30).
 */
export const DEFAULT_PIPELINE_DEPTH = 1;
/** Milliseconds an append may wait for its commit before it fails as unavailable. */
export const DEFAULT_APPEND_TIMEOUT_MS = 5_000;
/** Milliseconds between two background checks of the store (0: none). */
export const DEFAULT_PROBE_INTERVAL_MS = 1_000;
export interface RecordWriterOptions {
  /** Needs an 'error' listener of its own: an idle connection dropped by the server emits one. */
  pool: pg.Pool;
  /** This writer's chain; one per gateway replica, never shared by two running writers. */
  streamId: string;
  /** Schema of the records table (default 'access_records'). */
  schema?: string;
  /** Most records per transaction (default 500). */
  maxBatch?: number;
  /** Batches in flight at once, chained ahead of each other's commit (default 1: none). */
  pipelineDepth?: number;
  /** How long an append waits for company before its transaction starts when none is in flight (default 0). */
  maxDelayMs?: number;
  /**
   * An append not committed by then rejects with RecordStoreUnavailable (default 5 s); its
   * batch's connection is abandoned then, and the server refuses a COMMIT arriving later.
   */
  timeoutMs?: number;
  /** Milliseconds between background checks of the store, requests or not (default 0: none). */
  probeIntervalMs?: number;
  /** Told of every failed batch, e.g. to log it; the error carries no personal data. */
  onError?: (error: RecordStoreUnavailable) => void;
}

/** How an append is made. */
export interface AppendOptions {
  /**
   * Appended after the record, and committed however long that takes, when the caller is told
   * "not committed" after the record's COMMIT was sent: then the record may yet be stored,
   * and this one says what the client really got (e.g. outcome 'failed', reason 'withheld').
   */
  compensation?: AccessRecord;
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
  /** Compensating records queued (see AppendOptions.compensation). */
  compensations: number;
  /** Connections abandoned because they stopped answering. */
  abandoned: number;
  /** Of the batches committed, those chained by the writer (one round trip each), not from a head read in the transaction. */
  chainedAhead: number;
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
  append(record: AccessRecord, options?: AppendOptions): Promise<AppendResult>;
  /** Commits everything appended so far; resolves when each append has settled. */
  flush(): Promise<void>;
  /**
   * Refuses further appends and flushes for at most `deadlineMs` (default: the append
   * timeout); then abandons the connection in use and gives up what is left. Does not end the pool.
   */
  close(deadlineMs?: number): Promise<void>;
  /** False from a failed or late commit (or probe) until one succeeds again. */
  healthy(): boolean;
  /** The store as last seen, for /readyz. */
  health(): StoreHealth;
  /** The last record this writer committed (null before its first commit after a failure). */
  head(): ChainHead | null;
  stats(): WriterStats;
  /** Records appended and waiting for a transaction (not the one in flight). */
  queued(): number;
  /** Tells `listener` of every transaction from now on. */
  observe(listener: (batch: BatchReport) => void): void;
}
