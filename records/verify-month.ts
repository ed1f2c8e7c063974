import type pg from 'pg';
import { DEFAULT_RECORDS_SCHEMA, recordsTable } from './sql';
import { verifyChains, type VerifyReport } from './verify';

/** A calendar month, UTC: YYYY-MM. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Verifies each stream's records of one month (UTC), from the link the month's first record
 * carries to its last record: the chain inside the month, with its first break named. The
 * link into the month is taken as stored; a walk of the whole stream checks it too.
 */
export async function verifyMonth(
  pool: pg.Pool,
  options: { month: string; streamId?: string; schema?: string },
): Promise<VerifyReport> {
  if (!MONTH.test(options.month)) throw new RangeError('A month is YYYY-MM, e.g. 2026-11.');
  const table = recordsTable(options.schema ?? DEFAULT_RECORDS_SCHEMA);
  const [year, month] = options.month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(year, month - 1, 1)).toISOString();
  const to = new Date(Date.UTC(year, month, 1)).toISOString();
  const params: unknown[] = [from, to];
  if (options.streamId) params.push(options.streamId);
  const { rows } = await pool.query<{
    stream_id: string;
    first: number;
    last: number;
    prev_hash: string;
  }>(
    `SELECT m.stream_id, m.first, m.last, r.prev_hash FROM (
       SELECT stream_id, min(seq)::float8 AS first, max(seq)::float8 AS last FROM ${table}
       WHERE occurred_at >= $1 AND occurred_at < $2 ${options.streamId ? 'AND stream_id = $3' : ''}
       GROUP BY stream_id) m
     JOIN ${table} r ON r.stream_id = m.stream_id AND r.seq = m.first
     ORDER BY m.stream_id`,
    params,
  );
  const reports: VerifyReport[] = [];
  for (const row of rows) {
    reports.push(
      await verifyChains(pool, {
        streamId: row.stream_id,
        schema: options.schema,
        from: { [row.stream_id]: { seq: row.first - 1, hash: row.prev_hash } },
        until: { [row.stream_id]: row.last },
      }),
    );
  }
  const streams = reports.flatMap((r) => r.streams);
  const firstBreak = streams.find((s) => s.firstBreak)?.firstBreak;
  return { ok: !firstBreak, streams, ...(firstBreak && { firstBreak }) };
}
