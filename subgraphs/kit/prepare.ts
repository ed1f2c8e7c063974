import type { City } from '../../fixtures/city/types';
import { Database } from './database';
import { schemaName, type Department } from './department';
import { migrate } from './migrate';
import { grantRuntime, runtimeExcessRights } from './roles';
import { ensureSeeded } from './seed';

/**
 * Opens a department's database on its own schema, applies pending migrations and, when a
 * city is given, makes sure the tables hold it. With `ownerUrl`, the migrations and the seed
 * run as that owner role, the runtime role of `url` is granted its schema's rows, and the
 * database returned connects as the runtime role, refused when it could do more.
 */
export async function prepareDepartment<L>(
  department: Department<L>,
  url: string,
  city?: City,
  options: { ownerUrl?: string } = {},
): Promise<Database> {
  const schema = schemaName(department);
  const owner = new Database({ url: options.ownerUrl ?? url, schema });
  let runtime: Database | undefined;
  try {
    await migrate(owner, department.migrationsDir);
    await department.prepare?.(owner);
    if (city) await ensureSeeded(department, owner, city);
    if (!options.ownerUrl) return owner;
    runtime = new Database({ url, schema });
    const [who] = await runtime.query<{ role: string }>('SELECT current_user AS role');
    await grantRuntime(owner, who!.role);
    const excess = await runtimeExcessRights(runtime);
    if (excess.length > 0) {
      throw new Error(
        `its runtime role could change more than its rows (${excess.join('; ')}): connect it ` +
          'as a role that owns nothing and creates nothing, and migrate as the owner role.',
      );
    }
    await owner.close();
    return runtime;
  } catch (error) {
    await owner.close();
    await runtime?.close();
    throw new Error(
      `Preparing the ${department.name} database failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
