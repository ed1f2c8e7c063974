import { quoteIdent } from '../postgres/quote';

/** The schema the access records live in unless told otherwise. */
export const DEFAULT_RECORDS_SCHEMA = 'access_records';

export { quoteIdent };

/** The qualified name of the records table in `schema`. */
export function recordsTable(schema: string): string {
  return `${quoteIdent(schema)}.access_record`;
}

/** The qualified name of the table holding a copy of the signed checkpoints. */
export function checkpointsTable(schema: string): string {
  return `${quoteIdent(schema)}.checkpoint`;
}

/** The store's identity (migration 004): checkpoints are kept and signed per store. */
export async function storeIdentity(
  db: { query<R extends object>(sql: string): Promise<{ rows: R[] }> },
  schema: string,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM ${quoteIdent(schema)}.store_identity`,
  );
  if (rows.length !== 1) {
    throw new Error(`The records schema '${schema}' has ${rows.length} identities instead of one.`);
  }
  return rows[0]!.id;
}
