import type pg from 'pg';

const guarded = new WeakSet<pg.PoolClient>();

/**
 * A connection from the pool that survives being cut while checked out: pg emits 'error' on
 * the client when its server goes away between queries, which would otherwise crash the
 * process. The failure still reaches the caller through the query that needed it.
 */
export async function checkout(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  if (!guarded.has(client)) {
    guarded.add(client);
    client.on('error', () => undefined);
  }
  return client;
}
