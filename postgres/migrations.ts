import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { quoteIdent } from './quote';
import { inTransaction } from './transaction';

const MIGRATION_FILE = /^\d{3}_[a-z0-9_]+\.sql$/;

/**
 * Creates or updates `schema` from the `NNN_name.sql` files of `dir`: pending files run once,
 * in order, together in one transaction (all or nothing), under an advisory lock (replicas may
 * start together). Returns the files applied; none when the schema is current. A `.sql` file
 * named otherwise is refused.
 */
export async function applyMigrations(
  pool: pg.Pool,
  schema: string,
  dir: string,
): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const misnamed = files.find((f) => !MIGRATION_FILE.test(f));
  if (misnamed) throw new Error(`Migration ${join(dir, misnamed)} must be named NNN_name.sql.`);
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${schema}`]);
    // A schema handed to an owner role already exists: its owner needs no CREATE on the database.
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
    await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await client.query<{ version: string }>('SELECT version FROM schema_migrations');
    const applied = new Set(done.rows.map((r) => r.version));
    const fresh = files.filter((f) => !applied.has(f));
    for (const file of fresh) {
      await client.query(readFileSync(join(dir, file), 'utf8'));
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
    }
    return fresh;
  });
}
