import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database';
import { quoteIdent } from './database';

const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

/**
 * Applies the department's versioned migrations (`NNN_name.sql`, in order) to its schema.
 * Pending files run once, together in one transaction (all or nothing); an advisory lock keeps two starting
 * processes from applying the same file twice.
 */
export async function migrate(db: Database, migrationsDir: string): Promise<string[]> {
  const files = readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  for (const file of files) {
    if (!MIGRATION_FILE.test(file)) {
      throw new Error(`Migration ${join(migrationsDir, file)} must be named NNN_name.sql.`);
    }
  }
  const schema = quoteIdent(db.schema);
  return db.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${db.schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`SET LOCAL search_path TO ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await client.query<{ version: string }>('SELECT version FROM schema_migrations');
    const applied = new Set(done.rows.map((r) => r.version));
    const fresh: string[] = [];
    for (const file of files.filter((f) => !applied.has(f))) {
      await client.query(readFileSync(join(migrationsDir, file), 'utf8'));
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
      fresh.push(file);
    }
    return fresh;
  });
}
