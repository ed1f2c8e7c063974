import pg from 'pg';
import { checkout } from '../postgres/checkout';

/** Milliseconds to open a connection to the record store (TCP, TLS and login). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
/** Milliseconds the server lets one statement of the record store run before cancelling it. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 4_000;
/** Milliseconds the server lets a record-store transaction sit idle before ending the session. */
export const DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS = 5_000;
/** Seconds of silence before TCP keepalive probes start on a record-store connection. */
export const DEFAULT_KEEPALIVE_DELAY_MS = 5_000;

/** The deadlines every record-store connection is opened with. */
export interface StoreDeadlines {
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
  keepAliveDelayMs?: number;
}

/**
 * A pool whose connections cannot wait forever: the checkout and the login have a deadline,
 * the server cancels long statements and ends sessions idle inside a transaction, and TCP
 * keepalive notices a silent peer. A connection that stops answering mid-query is abandoned
 * by its user ({@link abandon}); these are the server's and the kernel's half of the deal.
 */
export function openStorePool(
  url: string,
  options: StoreDeadlines & { max: number; applicationName: string },
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    application_name: options.applicationName,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    lock_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout:
      options.idleInTransactionTimeoutMs ?? DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: options.keepAliveDelayMs ?? DEFAULT_KEEPALIVE_DELAY_MS,
    idleTimeoutMillis: 30_000,
  });
  const clients = new Set<pg.PoolClient>();
  pool.on('connect', (client) => clients.add(client));
  pool.on('remove', (client) => clients.delete(client));
  connections.set(pool, clients);
  return pool;
}

const connections = new WeakMap<pg.Pool, Set<pg.PoolClient>>();

/**
 * Ends a pool of {@link openStorePool} within `ms`: a polite goodbye first, then every
 * connection still open (idle on a silent peer, or busy) is cut.
 */
export async function endPool(pool: pg.Pool, ms: number): Promise<void> {
  const ended = pool.end();
  let timer: NodeJS.Timeout | undefined;
  const late = await Promise.race([
    ended.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), Math.max(0, ms));
    }),
  ]);
  clearTimeout(timer);
  if (!late) return;
  for (const client of connections.get(pool) ?? []) abandon(client);
  await ended;
}

/**
 * Cuts a connection that stopped answering: its socket is destroyed at once (a polite
 * Terminate would wait on the very peer that is silent), its pending query rejects, and the
 * pool replaces it on the next checkout. Release the client with an error afterwards.
 */
export function abandon(client: pg.PoolClient): void {
  const stream = (client as unknown as { connection?: { stream?: { destroy(e?: Error): void } } })
    .connection?.stream;
  stream?.destroy();
}

/** The connection did not answer in time and was abandoned. */
export class DeadlineExceeded extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${ms} ms; the connection was abandoned`);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Runs `work` on a pooled connection that is abandoned if the whole (checkout included) takes
 * longer than `ms`. The connection goes back to the pool only when `work` succeeded in time.
 */
export async function withDeadline<T>(
  pool: pg.Pool,
  ms: number,
  what: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient | undefined;
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    if (client) abandon(client);
  }, ms);
  let failure: Error | undefined;
  try {
    client = await checkout(pool);
    if (late) throw new DeadlineExceeded(what, ms);
    const result = await work(client);
    if (late) throw new DeadlineExceeded(what, ms);
    return result;
  } catch (error) {
    failure = late ? new DeadlineExceeded(what, ms) : (error as Error);
    throw failure;
  } finally {
    clearTimeout(timer);
    client?.release(failure ?? false);
  }
}
