import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { quoteIdent } from './quote';

/** Something that runs SQL as a superuser: a client or a pool. */
type Admin = Pick<pg.Client, 'query'>;

/**
 * Creates `role` if missing and (re)sets it to a login role with no power beyond what it is
 * granted: not a superuser, cannot create databases or roles, cannot bypass row security.
 * Returns the fresh password it now logs in with.
 */
export async function ensureLoginRole(admin: Admin, role: string): Promise<string> {
  const password = randomBytes(18).toString('base64url');
  const who = quoteIdent(role);
  const attributes = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT';
  await admin.query(
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(role)}) THEN
         CREATE ROLE ${who} ${attributes};
       END IF;
     END $$;
     ALTER ROLE ${who} ${attributes} PASSWORD ${literal(password)};`,
  );
  return password;
}

/**
 * Makes `owner` the owner of `schema` and of everything in it (creating the schema when
 * missing), so migrations run as `owner` and nobody else's objects remain there.
 */
export async function handOverSchema(admin: Admin, schema: string, owner: string): Promise<void> {
  await admin.query(
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)} AUTHORIZATION ${quoteIdent(owner)}`,
  );
  const { rows } = await admin.query<{ statement: string }>(
    `SELECT format('ALTER SCHEMA %I OWNER TO %I', n.nspname, $2::text) AS statement
       FROM pg_namespace n WHERE n.nspname = $1
     UNION ALL
     SELECT format('ALTER %s %I.%I OWNER TO %I',
                   CASE c.relkind WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END,
                   n.nspname, c.relname, $2::text)
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v')
     UNION ALL
     SELECT format('ALTER SEQUENCE %I.%I OWNER TO %I', n.nspname, c.relname, $2::text)
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind = 'S' AND NOT EXISTS (
         SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
           AND d.deptype IN ('a', 'i'))
     UNION ALL
     SELECT format('ALTER TYPE %I.%I OWNER TO %I', n.nspname, t.typname, $2::text)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = $1 AND t.typtype IN ('e', 'd') AND t.typrelid = 0
     UNION ALL
     SELECT format('ALTER FUNCTION %s OWNER TO %I', p.oid::regprocedure, $2::text)
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1`,
    [schema, owner],
  );
  for (const { statement } of rows) await admin.query(statement);
}

/** `url` logging in as `user` with `password` instead. */
export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}

/** The name of the database `admin` is connected to. */
export async function currentDatabase(admin: Admin): Promise<string> {
  const { rows } = await admin.query<{ db: string }>('SELECT current_database() AS db');
  return rows[0]!.db;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
