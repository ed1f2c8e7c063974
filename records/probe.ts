import type pg from 'pg';
import { withDeadline } from './deadlines';

/**
 * Proves the store takes a durable commit now, the way the writer needs it: reads the records
 * table and commits a transaction that holds a transaction id (so its commit is flushed to
 * the WAL), all within `timeoutMs`, or the connection is abandoned. Stores no record.
 */
export function probeStore(pool: pg.Pool, table: string, timeoutMs: number): Promise<void> {
  return withDeadline(pool, timeoutMs, 'the record store probe', async (client) => {
    await client.query(
      `BEGIN; SET LOCAL synchronous_commit TO on; SET LOCAL statement_timeout TO ${timeoutMs};
       SELECT 1 FROM ${table} LIMIT 1; SELECT txid_current(); COMMIT`,
    );
  });
}
