import type pg from 'pg';
import { quoteIdent } from './sql';

/** 'YYYY-MM' of an instant, in UTC: the partition (and archive) a record belongs to. */
export function monthOf(time: string | Date): string {
  return new Date(time).toISOString().slice(0, 7);
}

/** The month after `month` ('YYYY-MM'). */
export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 7);
}

/** The partition of `month` ('YYYY-MM'): access_record_YYYY_MM. */
export function partitionName(month: string): string {
  return `access_record_${month.replace('-', '_')}`;
}

/**
 * Creates the partitions of `months` ('YYYY-MM') and of the month after each, where missing,
 * through the records schema's SECURITY DEFINER function (migration 007): the runtime role
 * may call it although it cannot create tables.
 */
export async function ensurePartitions(
  db: pg.Pool | pg.PoolClient,
  schema: string,
  months: Iterable<string>,
): Promise<void> {
  const all = new Set<string>();
  for (const month of months) all.add(month).add(nextMonth(month));
  await db.query(
    `SELECT ${quoteIdent(schema)}.create_access_record_partition((m || '-01T00:00:00Z')::timestamptz)
     FROM unnest($1::text[]) m`,
    [[...all]],
  );
}

/**
 * Remembers the months a writer has made sure of, so a batch asks the database only on its
 * first record of a new month (start-up, and each month's rollover).
 */
export function partitionKeeper(schema: string) {
  const known = new Set<string>();
  return async (db: pg.PoolClient, times: readonly string[]): Promise<void> => {
    const fresh = [...new Set(times.map(monthOf))].filter((m) => !known.has(m));
    if (fresh.length === 0) return;
    await ensurePartitions(db, schema, fresh);
    for (const month of fresh) known.add(month);
  };
}
