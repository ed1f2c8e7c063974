import type { City } from '../../fixtures/city/types';
import { appendOnlyTables } from './append-only';
import { copyRows } from './copy';
import type { Database } from './database';
import type { Department } from './department';

/** What a department's schema was last seeded with. */
export interface Dataset {
  seed: number;
  size: number;
}

/**
 * Makes the department's tables hold exactly the city given: skips when the recorded
 * dataset matches, otherwise empties the tables and bulk-loads, all in one transaction
 * (a failed load leaves the previous data intact). An append-only table's triggers refuse
 * TRUNCATE to every role: the seed, run as the owner, disables them for its TRUNCATE only.
 */
export async function ensureSeeded<L>(
  department: Department<L>,
  db: Database,
  city: City,
): Promise<'kept' | 'loaded'> {
  const current = await currentDataset(db);
  if (current && current.seed === city.seed && current.size === city.size) return 'kept';
  await db.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`seed:${db.schema}`]);
    const tables = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
         AND tablename NOT IN ('schema_migrations', 'dataset')`,
    );
    if (tables.rows.length > 0) {
      const appendOnly = await appendOnlyTables(client);
      const triggers = (on: 'ENABLE' | 'DISABLE') =>
        appendOnly.map((t) => `ALTER TABLE ${t} ${on} TRIGGER USER;`).join(' ');
      await client.query(
        `${triggers('DISABLE')} TRUNCATE ${tables.rows.map((t) => `"${t.tablename}"`).join(', ')}; ${triggers('ENABLE')}`,
      );
    }
    await department.seed(city, (table, columns, rows) => copyRows(client, table, columns, rows));
    await client.query('DELETE FROM dataset');
    await client.query('INSERT INTO dataset (seed, size) VALUES ($1, $2)', [city.seed, city.size]);
  });
  await db.query('ANALYZE');
  return 'loaded';
}

async function currentDataset(db: Database): Promise<Dataset | null> {
  await db.query('CREATE TABLE IF NOT EXISTS dataset (seed bigint NOT NULL, size bigint NOT NULL)');
  const rows = await db.query<{ seed: string; size: string }>('SELECT seed, size FROM dataset');
  const row = rows[0];
  return row ? { seed: Number(row.seed), size: Number(row.size) } : null;
}
