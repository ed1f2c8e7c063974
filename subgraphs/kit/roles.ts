import pg from 'pg';
import { currentDatabase, ensureLoginRole, handOverSchema, withCredentials } from '../../postgres';
import { appendOnlyTables } from './append-only';
import { quoteIdent, type Database } from './database';
import { schemaName } from './department';

/** Where a department's two roles connect: the owner migrates and seeds, the runtime serves. */
export interface DepartmentRoles {
  ownerUrl: string;
  runtimeUrl: string;
}

/** Tables the runtime role reads but never writes: what the migrations and the seed record. */
const BOOKKEEPING_TABLES = ['schema_migrations', 'dataset'];

/** The roles of a department's schema: `tax_owner` owns schema tax, `tax_runtime` serves it. */
export function departmentRoleNames(department: { name: string }): {
  owner: string;
  runtime: string;
} {
  const schema = schemaName(department);
  return { owner: `${schema}_owner`, runtime: `${schema}_runtime` };
}

/**
 * For a store this process administers (the embedded PostgreSQL of `npm start`): per
 * department, an owner role its migrations and seed run as and a runtime role its subgraph
 * queries as, with fresh passwords each start; the department's schema (made if missing) is
 * handed over to its owner. Needs a superuser URL; production sets the roles up once by hand
 * (README).
 */
export async function provisionDepartmentRoles(
  superuserUrl: string,
  departments: readonly { name: string }[],
): Promise<Map<string, DepartmentRoles>> {
  const admin = new pg.Client({ connectionString: superuserUrl });
  await admin.connect();
  try {
    const db = quoteIdent(await currentDatabase(admin));
    // Before PostgreSQL 15 everyone could create in schema public.
    await admin.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    const roles = new Map<string, DepartmentRoles>();
    for (const department of departments) {
      const names = departmentRoleNames(department);
      const owner = await ensureLoginRole(admin, names.owner);
      const runtime = await ensureLoginRole(admin, names.runtime);
      for (const role of [names.owner, names.runtime]) {
        await admin.query(`REVOKE CREATE, TEMPORARY ON DATABASE ${db} FROM ${quoteIdent(role)}`);
        await admin.query(`GRANT CONNECT ON DATABASE ${db} TO ${quoteIdent(role)}`);
      }
      await handOverSchema(admin, schemaName(department), names.owner);
      roles.set(department.name, {
        ownerUrl: withCredentials(superuserUrl, names.owner, owner),
        runtimeUrl: withCredentials(superuserUrl, names.runtime, runtime),
      });
    }
    return roles;
  } finally {
    await admin.end();
  }
}

/**
 * Gives the runtime role what serving the department needs: reading and writing the rows of
 * its own schema's tables (the migrations' and the seed's bookkeeping read only; tables a
 * migration marked append-only read and inserted into only), nothing in any other schema, no
 * DDL. Run by the owner after the migrations and the seed.
 */
export async function grantRuntime(owner: Database, role: string): Promise<void> {
  const schema = quoteIdent(owner.schema);
  const who = quoteIdent(role);
  await owner.query(
    `GRANT USAGE ON SCHEMA ${schema} TO ${who};
     GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${who};
     GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${who};`,
  );
  const tables = await owner.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
      WHERE schemaname = $1 AND NOT tablename = ANY($2::text[])`,
    [owner.schema, BOOKKEEPING_TABLES],
  );
  const appendOnly = new Set(await appendOnlyTables(owner.pool));
  const writable = tables.map((t) => t.name).filter((name) => !appendOnly.has(name));
  if (writable.length > 0) {
    await owner.query(`GRANT INSERT, UPDATE, DELETE ON ${writable.join(', ')} TO ${who}`);
  }
  if (appendOnly.size > 0) {
    const names = [...appendOnly].join(', ');
    await owner.query(
      `REVOKE UPDATE, DELETE, TRUNCATE ON ${names} FROM ${who}; GRANT INSERT ON ${names} TO ${who}`,
    );
  }
}

/**
 * What the connected role could do beyond serving its own schema: being a superuser, owning a
 * schema (whose tables and triggers it could then change), or creating objects in a schema.
 */
export async function runtimeExcessRights(db: Database): Promise<string[]> {
  const rows = await db.query<{
    role: string;
    superuser: boolean;
    owned: string[];
    creatable: string[];
  }>(
    `SELECT current_user AS role, r.rolsuper AS superuser,
            ARRAY(SELECT nspname::text FROM pg_namespace
                   WHERE pg_has_role(current_user, nspowner, 'USAGE') ORDER BY 1) AS owned,
            ARRAY(SELECT nspname::text FROM pg_namespace
                   WHERE has_schema_privilege(oid, 'CREATE') AND nspname NOT LIKE 'pg\\_%'
                   ORDER BY 1) AS creatable
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const row = rows[0]!;
  if (row.superuser) return [`role '${row.role}' is a superuser`];
  return [
    ...row.owned.map((schema) => `role '${row.role}' owns schema ${schema}`),
    ...row.creatable.map((schema) => `role '${row.role}' may create in schema ${schema}`),
  ];
}
