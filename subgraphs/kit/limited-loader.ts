import DataLoader from 'dataloader';
import type { Database, Row } from './database';
import { groupByKey } from './loaders';

/** A parent's key and how many of its rows a field asked for. */
export interface LimitedKey {
  key: string;
  limit: number;
}

/**
 * A per-request loader of the first `limit` rows of each key, one statement per batch
 * whatever the limits. `sql` takes the keys as $1, the largest limit of the batch as $2 and
 * `extraParams` after them, ranks each key's rows with a window function, and selects
 * `keyColumn` in rank order.
 */
export function limitedRowsLoader<T extends Row>(
  db: Database,
  sql: string,
  keyColumn: keyof T & string,
  extraParams: readonly unknown[] = [],
): DataLoader<LimitedKey, T[], string> {
  return new DataLoader<LimitedKey, T[], string>(
    async (wanted) => {
      const keys = [...new Set(wanted.map((w) => w.key))];
      const largest = wanted.reduce((max, w) => Math.max(max, w.limit), 0);
      const rows = largest > 0 ? await db.query<T>(sql, [keys, largest, ...extraParams]) : [];
      const byKey = groupByKey(rows, keyColumn);
      return wanted.map(({ key, limit }) => (byKey.get(key) ?? []).slice(0, limit));
    },
    { cacheKeyFn: ({ key, limit }) => `${limit}:${key}` },
  );
}
