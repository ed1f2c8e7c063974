import type pg from 'pg';
import { verifyChains } from '../../records';
import { quoteIdent } from '../../records/sql';

/** The chain walk of `audit verify` over the last records of one seeded stream. */
export interface VerifyRun {
  streamId: string;
  records: number;
  seconds: number;
  secondsPerMillion: number;
  ok: boolean;
}

/**
 * Verifies the last `records` records of `streamId` the way `npm run audit -- verify` walks a
 * chain from a checkpoint (verifyChains with `from`): every row read back and rehashed.
 */
export async function verifyRate(
  pool: pg.Pool,
  schema: string,
  streamId: string,
  records: number,
): Promise<VerifyRun> {
  const { rows } = await pool.query<{ seq: string; hash: string }>(
    `SELECT seq::text AS seq, hash FROM ${quoteIdent(schema)}.access_record
      WHERE stream_id = $1 AND seq = greatest(0, (
        SELECT max(seq) FROM ${quoteIdent(schema)}.access_record WHERE stream_id = $1) - $2)`,
    [streamId, records],
  );
  const from = rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : undefined;
  const started = performance.now();
  const report = await verifyChains(pool, {
    schema,
    streamId,
    ...(from && { from: { [streamId]: from } }),
  });
  const seconds = (performance.now() - started) / 1000;
  const walked = report.streams[0]?.records ?? 0;
  return {
    streamId,
    records: walked,
    seconds,
    secondsPerMillion: (seconds / walked) * 1e6,
    ok: report.ok,
  };
}
