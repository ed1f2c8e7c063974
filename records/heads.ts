import type pg from 'pg';

/** The last record of a stream: where its chain continues. */
export interface StreamHead {
  streamId: string;
  seq: number;
  hash: string;
  recordId: string;
}

/**
 * The head of every stream (or of one), in stream order. Skips from stream to stream along
 * the primary key, so the cost grows with the number of streams, not of records.
 */
export async function streamHeads(
  db: pg.Pool | pg.PoolClient,
  table: string,
  streamId?: string,
): Promise<StreamHead[]> {
  const streams =
    streamId === undefined
      ? `WITH RECURSIVE s(stream_id) AS (
           SELECT min(stream_id) FROM ${table}
           UNION ALL
           SELECT (SELECT min(stream_id) FROM ${table} t WHERE t.stream_id > s.stream_id)
           FROM s WHERE s.stream_id IS NOT NULL)
         SELECT stream_id FROM s WHERE stream_id IS NOT NULL`
      : 'SELECT $1::text AS stream_id';
  const result = await db.query<{ stream_id: string; seq: string; hash: string; id: string }>(
    `SELECT h.stream_id, h.seq::text AS seq, h.hash, h.id::text AS id
     FROM (${streams}) s
     CROSS JOIN LATERAL (
       SELECT stream_id, seq, hash, id FROM ${table} t
       WHERE t.stream_id = s.stream_id ORDER BY seq DESC LIMIT 1) h
     ORDER BY h.stream_id`,
    streamId === undefined ? [] : [streamId],
  );
  return result.rows.map((r) => ({
    streamId: r.stream_id,
    seq: Number(r.seq),
    hash: r.hash,
    recordId: r.id,
  }));
}
