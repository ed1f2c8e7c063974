import { join } from 'node:path';
import type pg from 'pg';
import { applyMigrations } from '../postgres/migrations';
import { DEFAULT_RECORDS_SCHEMA } from './sql';

const MIGRATIONS_DIR = join(__dirname, 'migrations');

/**
 * Creates or updates the access records schema from `migrations/NNN_name.sql`; returns the
 * files applied (none when the schema is current).
 */
export async function migrateRecords(
  pool: pg.Pool,
  options: { schema?: string } = {},
): Promise<string[]> {
  return applyMigrations(pool, options.schema ?? DEFAULT_RECORDS_SCHEMA, MIGRATIONS_DIR);
}
