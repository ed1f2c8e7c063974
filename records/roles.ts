import pg from 'pg';
import { currentDatabase, ensureLoginRole, handOverSchema, withCredentials } from '../postgres';
import { checkpointsTable, quoteIdent, recordsTable } from './sql';

/** A pool or a client: where a grant is run. */
type Queryable = Pick<pg.Pool, 'query'>;

/** Tables the gateway appends to; it may read and insert there, nothing else. */
function appendOnlyTables(schema: string): string[] {
  return [recordsTable(schema), `${quoteIdent(schema)}.disclosure_hold`, checkpointsTable(schema)];
}

/**
 * Gives the gateway's runtime role what writing records needs and nothing more: INSERT and
 * SELECT on the append-only tables. Run by the owner after the migrations; takes back any
 * broader right the role had.
 */
export async function grantWriter(owner: Queryable, schema: string, role: string): Promise<void> {
  const who = quoteIdent(role);
  const tables = appendOnlyTables(schema).join(', ');
  await owner.query(
    `GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${who};
     REVOKE ALL ON ${tables} FROM ${who};
     GRANT SELECT, INSERT ON ${tables} TO ${who};
     GRANT SELECT ON ${quoteIdent(schema)}.schema_migrations, ${quoteIdent(schema)}.store_identity,
       ${quoteIdent(schema)}.archived_month TO ${who};
     GRANT EXECUTE ON FUNCTION ${quoteIdent(schema)}.create_access_record_partition(timestamptz)
       TO ${who};
     GRANT EXECUTE ON FUNCTION
       ${quoteIdent(schema)}.append_records(json, text, text, float8, integer, text, bigint, text) TO ${who};`,
  );
}

/**
 * Gives a department that serves the records to auditors and citizens (the data bureau) what
 * that needs: reading every table of the records schema and placing disclosure holds. It may
 * not change or remove a record or a hold. Run by the records' owner after the migrations.
 */
export async function grantAuditor(owner: Queryable, schema: string, role: string): Promise<void> {
  const who = quoteIdent(role);
  const name = quoteIdent(schema);
  await owner.query(
    `GRANT USAGE ON SCHEMA ${name} TO ${who};
     REVOKE ALL ON ALL TABLES IN SCHEMA ${name} FROM ${who};
     GRANT SELECT ON ALL TABLES IN SCHEMA ${name} TO ${who};
     GRANT INSERT ON ${name}.disclosure_hold TO ${who};`,
  );
}

/**
 * What the connected role could do to the records beyond appending and reading them: being a
 * superuser or the owner (who can disable the triggers), or holding any other right on an
 * append-only table, directly, through a role it belongs to, or through PUBLIC.
 */
export async function excessRights(pool: pg.Pool, schema: string): Promise<string[]> {
  const { rows } = await pool.query<{
    role: string;
    superuser: boolean;
    owner: boolean;
    rights: string[];
    table: string;
  }>(
    `SELECT current_user AS role, r.rolsuper AS superuser, c.relname AS table,
            pg_has_role(current_user, c.relowner, 'USAGE') AS owner,
            ARRAY(SELECT DISTINCT a.privilege_type
                  FROM aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
                  WHERE (a.grantee = 0 OR pg_has_role(current_user, a.grantee, 'USAGE'))
                    AND a.privilege_type NOT IN ('SELECT', 'INSERT')
                  ORDER BY 1) AS rights
     FROM pg_roles r, pg_class c
     WHERE r.rolname = current_user AND c.oid = ANY($1::regclass[])`,
    [appendOnlyTables(schema)],
  );
  const problems: string[] = [];
  const role = rows[0]?.role ?? '?';
  if (rows.some((r) => r.superuser)) return [`role '${role}' is a superuser`];
  for (const r of rows) {
    if (r.owner) problems.push(`role '${role}' owns ${r.table}`);
    else if (r.rights.length > 0)
      problems.push(`role '${role}' holds ${r.rights.join(', ')} on ${r.table}`);
  }
  return problems;
}

/** Where the owner and the runtime role of the access records connect. */
export interface RecordRoles {
  ownerUrl: string;
  writerUrl: string;
}

/** The roles {@link provisionRecordRoles} creates. */
export const RECORDS_OWNER_ROLE = 'records_owner';
export const RECORDS_WRITER_ROLE = 'records_writer';

/**
 * For a store this process administers (the embedded PostgreSQL of `npm start`): creates the
 * owner role the migrations run as and the runtime role the gateway writes as, with fresh
 * passwords each start, and hands the records schema (made if missing) over to the owner.
 * Needs a superuser URL; production sets the roles up once by hand (README).
 */
export async function provisionRecordRoles(
  superuserUrl: string,
  schema: string,
): Promise<RecordRoles> {
  const admin = new pg.Client({ connectionString: superuserUrl });
  await admin.connect();
  try {
    const owner = await ensureLoginRole(admin, RECORDS_OWNER_ROLE);
    const writer = await ensureLoginRole(admin, RECORDS_WRITER_ROLE);
    const db = quoteIdent(await currentDatabase(admin));
    await admin.query(`REVOKE CREATE ON DATABASE ${db} FROM ${RECORDS_OWNER_ROLE}`);
    await admin.query(`GRANT CONNECT ON DATABASE ${db} TO ${RECORDS_OWNER_ROLE}`);
    await admin.query(`GRANT CONNECT ON DATABASE ${db} TO ${RECORDS_WRITER_ROLE}`);
    await handOverSchema(admin, schema, RECORDS_OWNER_ROLE);
    return {
      ownerUrl: withCredentials(superuserUrl, RECORDS_OWNER_ROLE, owner),
      writerUrl: withCredentials(superuserUrl, RECORDS_WRITER_ROLE, writer),
    };
  } finally {
    await admin.end();
  }
}
