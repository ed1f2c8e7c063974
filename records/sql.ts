import { quoteIdent } from '../postgres/quote';

/** The schema the access records live in unless told otherwise. */
export const DEFAULT_RECORDS_SCHEMA = 'access_records';

export { quoteIdent };

/** The qualified name of the records table in `schema`. */
export function recordsTable(schema: string): string {
  return `${quoteIdent(schema)}.access_record`;
}
