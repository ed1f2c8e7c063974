/** The schema the access records live in unless told otherwise. */
export const DEFAULT_RECORDS_SCHEMA = 'access_records';

/** Quotes an SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The qualified name of the records table in `schema`. */
export function recordsTable(schema: string): string {
  return `${quoteIdent(schema)}.access_record`;
}

/** The qualified name of the table holding a copy of the signed checkpoints. */
export function checkpointsTable(schema: string): string {
  return `${quoteIdent(schema)}.checkpoint`;
}
