import pg from 'pg';
import type { GatewayConfig } from '../../gateway/config';
import {
  DEFAULT_RECORDS_SCHEMA,
  grantAuditor,
  migrateRecords,
  provisionRecordRoles,
} from '../../records';
import type { Department } from '../../subgraphs';
import {
  departmentRoleNames,
  departmentUrl,
  provisionDepartmentRoles,
  type DepartmentRoles,
  type Store,
} from '../../subgraphs/kit';

/** The roles `npm start` set up on its embedded store, for the departments and the gateway. */
export interface StackRoles {
  departments?: ReadonlyMap<string, DepartmentRoles>;
  gateway: Partial<GatewayConfig>;
}

/**
 * On the embedded store, nobody serves as a superuser: each department migrates and seeds as
 * its schema's owner and serves as a runtime role limited to its own rows; the records are
 * migrated by their owner and written by a role that can only append and read; the department
 * that serves the records reads them. A store given by URL is set up by hand (README).
 */
export async function provisionStackRoles(
  store: Store,
  departments: readonly Department[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<StackRoles> {
  if (!store.embedded) return { gateway: {} };
  const onStore = departments.filter((d) => departmentUrl(d.name, store, env) === store.url);
  const roles = await provisionDepartmentRoles(store.url, onStore);
  if (env.RECORDS_DATABASE_URL) return { departments: roles, gateway: {} };
  const records = await provisionRecordRoles(store.url, DEFAULT_RECORDS_SCHEMA);
  const owner = new pg.Pool({ connectionString: records.ownerUrl, max: 1 });
  try {
    await migrateRecords(owner);
    for (const department of onStore.filter((d) => d.servesRecords)) {
      await grantAuditor(owner, DEFAULT_RECORDS_SCHEMA, departmentRoleNames(department).runtime);
    }
  } finally {
    await owner.end();
  }
  return {
    departments: roles,
    gateway: {
      recordsDatabaseUrl: records.writerUrl,
      recordsMigrationDatabaseUrl: records.ownerUrl,
      recordsPrivileges: 'require',
    },
  };
}
