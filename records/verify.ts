import type pg from 'pg';
import type { ArchiveRun } from './archive-manifest';
import type { RecordRow } from './columns';
import { fromRow, RECORD_COLUMNS } from './columns';
import { streamHeads } from './heads';
import { canonicalRecord, GENESIS_HASH, hashRecord } from './record';
import { DEFAULT_RECORDS_SCHEMA, recordsTable } from './sql';

/** Rows read per query while walking a stream. */
export const DEFAULT_VERIFY_PAGE_SIZE = 5_000;

/**
 * The first place a stream's chain does not hold. `expected` is what the walk computed,
 * `found` what the row stores:
 * - 'sequence': records are missing before `seq` (hashes: the link the row should carry);
 * - 'link': the row's previous hash is not the hash of the record before it;
 * - 'content': the row's content no longer gives its hash (it was changed after commit).
 */
export interface ChainBreak {
  streamId: string;
  seq: number;
  recordId: string;
  reason: 'sequence' | 'link' | 'content';
  expected: string;
  found: string;
}

/** One stream as walked: its record count and its last record. */
export interface StreamReport {
  streamId: string;
  /** Records walked (after `from` when the walk was incremental), archived ones included. */
  records: number;
  /** Of those, records crossed through archive manifests (their months are detached). */
  archived?: number;
  /** The seq the walk started after (0: the stream's start). */
  from?: number;
  head: { seq: number; hash: string } | null;
  firstBreak?: ChainBreak;
}

export interface VerifyReport {
  ok: boolean;
  streams: StreamReport[];
  /** The first break of the first broken stream (streams in id order). */
  firstBreak?: ChainBreak;
}

/**
 * Walks every stream (or one) in seq order, page by page up to the head it had when the walk
 * started, recomputing each hash: memory stays flat however many records there are.
 */
export async function verifyChains(
  pool: pg.Pool,
  options: {
    streamId?: string;
    schema?: string;
    pageSize?: number;
    /** Per stream, a verified (seq, hash) to walk on from instead of the start (incremental). */
    from?: Readonly<Record<string, { seq: number; hash: string }>>;
    /** Runs of archived months (their manifests): the walk crosses them by their end hashes. */
    archived?: readonly ArchiveRun[];
    /** Per stream, the last seq to walk (default: its head when the walk starts). */
    until?: Readonly<Record<string, number>>;
  } = {},
): Promise<VerifyReport> {
  const table = recordsTable(options.schema ?? DEFAULT_RECORDS_SCHEMA);
  const heads = new Map(
    (await streamHeads(pool, table, options.streamId)).map((h) => [h.streamId, h.seq]),
  );
  const runs = new Map<string, Map<number, ArchiveRun>>();
  for (const run of options.archived ?? []) {
    if (options.streamId !== undefined && run.streamId !== options.streamId) continue;
    if (!runs.has(run.streamId)) runs.set(run.streamId, new Map());
    runs.get(run.streamId)!.set(run.firstSeq, run);
    heads.set(run.streamId, Math.max(heads.get(run.streamId) ?? 0, run.lastSeq));
  }
  const streams: StreamReport[] = [];
  for (const [streamId, headSeq] of [...heads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const start = options.from?.[streamId] ?? { seq: 0, hash: GENESIS_HASH };
    const archived = runs.get(streamId) ?? new Map<number, ArchiveRun>();
    const last = Math.min(headSeq, options.until?.[streamId] ?? Infinity);
    streams.push(await walk(pool, table, streamId, start, last, archived, options.pageSize));
  }
  const firstBreak = streams.find((s) => s.firstBreak)?.firstBreak;
  return { ok: !firstBreak, streams, ...(firstBreak && { firstBreak }) };
}

async function walk(
  pool: pg.Pool,
  table: string,
  streamId: string,
  start: { seq: number; hash: string },
  headSeq: number,
  archived: ReadonlyMap<number, ArchiveRun>,
  pageSize = DEFAULT_VERIFY_PAGE_SIZE,
): Promise<StreamReport> {
  const report: StreamReport = { streamId, records: 0, head: null };
  if (start.seq > 0) report.from = start.seq;
  let { seq, hash: prev } = start;
  // An archived run that continues the chain here is crossed by its manifest's hashes.
  const crossArchived = (before: number) => {
    for (let run = archived.get(seq + 1); run && seq + 1 < before; run = archived.get(seq + 1)) {
      if (run.prevHash !== prev && !report.firstBreak) {
        report.firstBreak = {
          streamId,
          seq: run.firstSeq,
          recordId: `(archived, ${run.records} records)`,
          reason: 'link',
          expected: prev,
          found: run.prevHash,
        };
      }
      seq = run.lastSeq;
      prev = run.lastHash;
      report.records += run.records;
      report.archived = (report.archived ?? 0) + run.records;
      report.head = { seq, hash: prev };
    }
  };
  for (;;) {
    const { rows } = await pool.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM ${table} r
       WHERE stream_id = $1 AND seq > $2 AND seq <= $3 ORDER BY r.seq LIMIT $4`,
      [streamId, seq, headSeq, pageSize],
    );
    for (const row of rows) {
      const record = fromRow(row);
      crossArchived(record.seq);
      const brk = check(
        record,
        seq,
        prev,
        hashRecord(record.prevHash, canonicalRecord(record, record.format)),
      );
      if (brk && !report.firstBreak) report.firstBreak = brk;
      // Walk on from what is stored, so one break is reported once and the count is whole.
      seq = record.seq;
      prev = record.hash;
      report.records += 1;
      report.head = { seq, hash: prev };
    }
    if (rows.length < pageSize) {
      crossArchived(Infinity);
      return report;
    }
  }
}

function check(
  record: ReturnType<typeof fromRow>,
  lastSeq: number,
  prev: string,
  computed: string,
): ChainBreak | undefined {
  const at = { streamId: record.streamId, seq: record.seq, recordId: record.id };
  if (record.seq !== lastSeq + 1) {
    return { ...at, reason: 'sequence', expected: prev, found: record.prevHash };
  }
  if (record.prevHash !== prev)
    return { ...at, reason: 'link', expected: prev, found: record.prevHash };
  if (computed !== record.hash)
    return { ...at, reason: 'content', expected: computed, found: record.hash };
  return undefined;
}

/** One sentence naming the break precisely, for the terminal and the logs. */
export function describeBreak(brk: ChainBreak): string {
  const where = `stream '${brk.streamId}', seq ${brk.seq}, record ${brk.recordId}`;
  const why =
    brk.reason === 'sequence'
      ? 'records are missing before it'
      : brk.reason === 'link'
        ? 'its previous hash is not the hash of the record before it'
        : 'its content was changed after it was committed';
  return `Chain broken at ${where}: ${why} (expected ${brk.expected}, found ${brk.found}).`;
}
