import { applyMigrations } from '../../postgres/migrations';
import type { Database } from './database';

/**
 * Applies the department's versioned migrations (`NNN_name.sql`, in order) to its schema,
 * all pending files in one transaction; returns the files applied.
 */
export async function migrate(db: Database, migrationsDir: string): Promise<string[]> {
  return applyMigrations(db.pool, db.schema, migrationsDir);
}
