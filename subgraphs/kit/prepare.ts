import type { City } from '../../fixtures/city/types';
import { Database } from './database';
import { schemaName, type Department } from './department';
import { migrate } from './migrate';
import { ensureSeeded } from './seed';

/**
 * Opens a department's database on its own schema, applies pending migrations and, when a
 * city is given, makes sure the tables hold it.
 */
export async function prepareDepartment<L>(
  department: Department<L>,
  url: string,
  city?: City,
): Promise<Database> {
  const db = new Database({ url, schema: schemaName(department) });
  try {
    await migrate(db, department.migrationsDir);
    await department.prepare?.(db);
    if (city) await ensureSeeded(department, db, city);
    return db;
  } catch (error) {
    await db.close();
    throw new Error(
      `Preparing the ${department.name} database failed: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
