import type pg from 'pg';
import { checkout } from './checkout';

/**
 * Runs `work` in one transaction on a connection of its own, and commits. On any error the
 * transaction is rolled back and the connection is released with the error, so the pool
 * discards it rather than hand a broken connection to the next caller.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  options: {
    /** The statement that opens the transaction (isolation, SET LOCAL ...). Default 'BEGIN'. */
    begin?: string;
  } = {},
): Promise<T> {
  const client = await checkout(pool);
  let failure: Error | undefined;
  try {
    await client.query(options.begin ?? 'BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // Audit before release: a connection that failed mid-transaction must not go back to the pool.
    client.release(failure);
  }
}
