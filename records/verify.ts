import type pg from 'pg';
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
  /** Records walked (after `from` when the walk was incremental). */
  records: number;
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
  } = {},
): Promise<VerifyReport> {
  const table = recordsTable(options.schema ?? DEFAULT_RECORDS_SCHEMA);
  const heads = await streamHeads(pool, table, options.streamId);
  const streams: StreamReport[] = [];
  for (const head of heads) {
    const start = options.from?.[head.streamId] ?? { seq: 0, hash: GENESIS_HASH };
    streams.push(await walk(pool, table, head.streamId, start, head.seq, options.pageSize));
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
  pageSize = DEFAULT_VERIFY_PAGE_SIZE,
): Promise<StreamReport> {
  const report: StreamReport = { streamId, records: 0, head: null };
  if (start.seq > 0) report.from = start.seq;
  let { seq, hash: prev } = start;
  for (;;) {
    const { rows } = await pool.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM ${table} r
       WHERE stream_id = $1 AND seq > $2 AND seq <= $3 ORDER BY r.seq LIMIT $4`,
      [streamId, seq, headSeq, pageSize],
    );
    for (const row of rows) {
      const record = fromRow(row);
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
    if (rows.length < pageSize) return report;
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
