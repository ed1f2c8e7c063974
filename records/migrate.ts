import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { inTransaction } from '../postgres/transaction';
import { DEFAULT_RECORDS_SCHEMA, quoteIdent } from './sql';

const MIGRATIONS_DIR = join(__dirname, 'migrations');
const MIGRATION_FILE = /^\d{3}_[a-z0-9_]+\.sql$/;

/**
 * Creates or updates the access records schema: pending `migrations/NNN_name.sql` files run
 * once, in order, in one transaction, under an advisory lock (replicas may start together).
 * Returns the files applied; none when the schema is current.
 */
export async function migrateRecords(
  pool: pg.Pool,
  options: { schema?: string } = {},
): Promise<string[]> {
  const schema = options.schema ?? DEFAULT_RECORDS_SCHEMA;
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort();
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await client.query<{ version: string }>('SELECT version FROM schema_migrations');
    const applied = new Set(done.rows.map((r) => r.version));
    const fresh = files.filter((f) => !applied.has(f));
    for (const file of fresh) {
      await client.query(readFileSync(join(MIGRATIONS_DIR, file), 'utf8'));
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
    }
    return fresh;
  });
}
