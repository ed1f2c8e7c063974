import pg from 'pg';
import { inTransaction } from '../../postgres/transaction';
import { quoteIdent } from '../../postgres/quote';

export { quoteIdent };

// Dates travel as ISO strings, numbers as numbers: rows map straight onto GraphQL fields.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString());
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Row type of a query: what the SQL selects, typed by the caller. */
export type Row = Record<string, unknown>;

/**
 * A department's connection to its own PostgreSQL schema. Counts the statements it sends,
 * so callers can see how many SQL queries a GraphQL operation costs.
 */
export class Database {
  readonly pool: pg.Pool;
  readonly schema: string;
  private statementCount = 0;

  constructor(options: { url: string; schema: string; maxConnections?: number }) {
    this.schema = options.schema;
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      options: `-c search_path=${quoteIdent(options.schema)}`,
    });
    // An idle client's error (server restart) must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  /** Statements sent since this database was opened. */
  get statements(): number {
    return this.statementCount;
  }

  /** Runs one parameterised statement and returns its rows. */
  async query<T extends Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    this.statementCount += 1;
    const result = await this.pool.query<T>(sql, params as unknown[]);
    return result.rows;
  }

  /** Runs `work` in one transaction on one connection (a failed connection is discarded). */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
