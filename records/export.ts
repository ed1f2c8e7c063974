import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type pg from 'pg';
import { inTransaction } from '../postgres/transaction';
import type { RecordRow } from './columns';
import { fromRow, RECORD_COLUMNS } from './columns';
import type { StreamHead } from './heads';
import { streamHeads } from './heads';
import { DEFAULT_RECORDS_SCHEMA, recordsTable } from './sql';

/** Rows fetched from the export's cursor at a time. */
export const EXPORT_FETCH_SIZE = 2_000;

/** The last line of an export: every stream's head when the export was taken. */
export interface ExportTrailer {
  type: 'heads';
  from: string;
  to: string;
  records: number;
  streams: StreamHead[];
}

/**
 * Writes the records with `from <= time < to` as JSON Lines, by stream and seq, each line a
 * stored record (`type: 'record'`) with its `format`, `prevHash` and `hash`: anyone can
 * recompute `hashRecord(prevHash, canonicalRecord(line, format))` and follow the links. The
 * last line ({@link ExportTrailer}) names each stream's head from the same snapshot, to be
 * compared with a later export or verify. Streams through a cursor; honours backpressure.
 */
export async function exportJsonLines(
  pool: pg.Pool,
  range: { from: string; to: string; schema?: string },
  out: Writable,
): Promise<ExportTrailer> {
  const table = recordsTable(range.schema ?? DEFAULT_RECORDS_SCHEMA);
  const trailer = await inTransaction(
    pool,
    async (client) => {
      await client.query(
        `DECLARE records NO SCROLL CURSOR FOR SELECT ${RECORD_COLUMNS} FROM ${table} r
         WHERE occurred_at >= $1 AND occurred_at < $2 ORDER BY r.stream_id, r.seq`,
        [range.from, range.to],
      );
      let records = 0;
      for (;;) {
        const { rows } = await client.query<RecordRow>(`FETCH ${EXPORT_FETCH_SIZE} FROM records`);
        for (const row of rows) await write(out, { type: 'record', ...fromRow(row) });
        records += rows.length;
        if (rows.length < EXPORT_FETCH_SIZE) break;
      }
      const streams = await streamHeads(client, table);
      return { type: 'heads', from: range.from, to: range.to, records, streams } as ExportTrailer;
    },
    { begin: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' },
  );
  await write(out, trailer);
  return trailer;
}

async function write(out: Writable, line: object): Promise<void> {
  if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
}
