import type pg from 'pg';
import { quoteIdent } from '../postgres/quote';
import type { StoredRevision } from './revision';
import { DEFAULT_POLICY_SCHEMA, replicaOf, revisionOf, type ReplicaState } from './store';

/**
 * Read-only views of a policy store through any pool on its database (the data bureau's,
 * for the oversight console); a database without a policy store has no revisions and no
 * replicas (the policy files alone are in force, as revision 0).
 */
export async function readRevisions(
  pool: pg.Pool,
  options: { first: number; schema?: string },
): Promise<StoredRevision[]> {
  const table = await existing(pool, options.schema, 'policy_revision');
  if (!table) return [];
  const { rows } = await pool.query(`SELECT * FROM ${table} ORDER BY revision DESC LIMIT $1`, [
    options.first,
  ]);
  return rows.map(revisionOf);
}

/** One revision, or null. */
export async function readRevision(
  pool: pg.Pool,
  revision: number,
  schema?: string,
): Promise<StoredRevision | null> {
  const table = await existing(pool, schema, 'policy_revision');
  if (!table) return null;
  const { rows } = await pool.query(`SELECT * FROM ${table} WHERE revision = $1`, [revision]);
  return rows[0] ? revisionOf(rows[0]) : null;
}

/** Every replica's last confirmation. */
export async function readReplicas(pool: pg.Pool, schema?: string): Promise<ReplicaState[]> {
  const table = await existing(pool, schema, 'policy_replica');
  if (!table) return [];
  const { rows } = await pool.query(`SELECT * FROM ${table} ORDER BY replica`);
  return rows.map(replicaOf);
}

async function existing(pool: pg.Pool, schema = DEFAULT_POLICY_SCHEMA, table: string) {
  const name = `${quoteIdent(schema)}.${table}`;
  const { rows } = await pool.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [
    name,
  ]);
  return rows[0]?.found ? name : null;
}
