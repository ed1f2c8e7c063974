import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { quoteIdent } from './database';

/** A value COPY can write: null becomes SQL NULL, arrays become PostgreSQL array literals. */
export type CopyValue = string | number | boolean | null | readonly (string | number)[];

/**
 * Bulk-loads rows with `COPY ... FROM STDIN` (text format), streaming: the rows iterable is
 * consumed lazily, so a million-row table never sits in memory.
 */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<void> {
  const sql = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
  const target = client.query(copyFrom(sql));
  await pipeline(Readable.from(batches(rows, columns.length, table)), target);
}

function* batches(
  rows: Iterable<readonly CopyValue[]>,
  width: number,
  table: string,
): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    if (row.length !== width) {
      throw new Error(`COPY into ${table}: a row has ${row.length} values, expected ${width}.`);
    }
    chunk += row.map(encode).join('\t') + '\n';
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

function encode(value: CopyValue): string {
  if (value === null) return '\\N';
  if (Array.isArray(value))
    return escape(`{${value.map((v) => JSON.stringify(String(v))).join(',')}}`);
  return escape(String(value));
}

function escape(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}
