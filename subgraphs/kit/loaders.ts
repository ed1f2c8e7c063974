import DataLoader from 'dataloader';
import type { Database, Row } from './database';

/**
 * A per-request loader of one row per key: all keys asked for in one tick become one
 * `WHERE key = ANY($1)` statement. `sql` must select `keyColumn` and take the key array as $1;
 * `extraParams` (a row filter's, say) follow it as $2, $3...
 */
export function rowLoader<T extends Row>(
  db: Database,
  sql: string,
  keyColumn: keyof T & string,
  extraParams: readonly unknown[] = [],
): DataLoader<string, T | null> {
  return new DataLoader(async (keys) => {
    const rows = await db.query<T>(sql, [keys, ...extraParams]);
    const byKey = new Map(rows.map((row) => [String(row[keyColumn]), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/**
 * A per-request loader of all rows per key (a one-to-many relation), one statement per batch.
 * Rows keep the order the SQL gives them. `sql` takes the key array as $1, then `extraParams`.
 */
export function rowsLoader<T extends Row>(
  db: Database,
  sql: string,
  keyColumn: keyof T & string,
  extraParams: readonly unknown[] = [],
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const byKey = groupByKey(await db.query<T>(sql, [keys, ...extraParams]), keyColumn);
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/** Rows grouped by the string value of one column, each group in the order the rows came. */
export function groupByKey<T extends Row>(
  rows: readonly T[],
  keyColumn: keyof T & string,
): Map<string, T[]> {
  const byKey = new Map<string, T[]>();
  for (const row of rows) {
    const key = String(row[keyColumn]);
    const list = byKey.get(key);
    if (list) list.push(row);
    else byKey.set(key, [row]);
  }
  return byKey;
}
