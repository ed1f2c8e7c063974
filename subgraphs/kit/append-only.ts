import type pg from 'pg';

/** Something that runs SQL: a pool, a client. */
type Queryable = Pick<pg.Pool, 'query'>;

/** How a migration marks a table append-only: its comment starts with this. */
export const APPEND_ONLY_MARK = 'append-only';

/**
 * The tables of the connection's current schema a migration marked append-only (its comment
 * starts 'append-only'): the runtime role may read and insert there, nothing else, and their
 * triggers refuse UPDATE, DELETE and TRUNCATE to every role.
 */
export async function appendOnlyTables(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
        AND starts_with(coalesce(obj_description(c.oid, 'pg_class'), ''), $1)
      ORDER BY 1`,
    [APPEND_ONLY_MARK],
  );
  return rows.map((r) => r.name);
}
