import type pg from 'pg';
import type { Logger } from 'pino';
import { loadCheckpointKey } from './checkpoint';
import { startCheckpointer } from './checkpointer';
import { endPool, openStorePool, type StoreDeadlines } from './deadlines';
import { migrateRecords } from './migrate';
import { ensurePartitions, monthOf } from './partitions';
import { excessRights, grantWriter } from './roles';
import { DEFAULT_RECORDS_SCHEMA, storeIdentity } from './sql';
import { createRecordWriter } from './writer';
import { DEFAULT_PROBE_INTERVAL_MS, type RecordWriter } from './writer-api';

/** Connections the access-record writer keeps (group commit needs few; one for the probe). */
export const RECORDS_POOL_SIZE = 4;

/** Milliseconds a closing store waits for its connections' goodbye before cutting them. */
const STORE_END_MS = 2_000;

/** require: refuse to start when the runtime role could change records; warn: log it. */
export type PrivilegeCheck = 'require' | 'warn';

export interface RecordsStore {
  writer: RecordWriter;
  /** The runtime role's pool (reads and appends only). */
  pool: pg.Pool;
  /** Signs the stream's head now, if checkpoints are on and it moved. */
  checkpoint(): Promise<void>;
  /** Flushes for at most `deadlineMs` (default: the append timeout), then lets go. */
  close(deadlineMs?: number): Promise<void>;
}

export interface RecordsStoreOptions extends StoreDeadlines {
  /** The runtime role: appends and reads records. */
  url: string;
  /** The owner role the migrations run as (default: `url`'s role, which then owns the records). */
  migrationUrl?: string;
  streamId: string;
  logger: Logger;
  appendTimeoutMs?: number;
  /** Background check of the store behind /readyz (default 1 s). */
  probeIntervalMs?: number;
  /** What to do when the runtime role could change records (default 'warn'). */
  privileges?: PrivilegeCheck;
  /** Signed checkpoints of the stream's head, appended outside the database (default: none). */
  checkpoints?: { dir: string; keyFile: string; intervalMs?: number };
}

/** Opens the access-record store: migrates it, and continues this replica's chain. */
export async function openRecordsStore(options: RecordsStoreOptions): Promise<RecordsStore> {
  const deadlines: StoreDeadlines = options;
  const checkpointKey =
    options.checkpoints && loadCheckpointKey(options.checkpoints.keyFile, { create: true });
  const applicationName = `gateway-records ${options.streamId}`;
  const pool = openStorePool(options.url, {
    ...deadlines,
    max: RECORDS_POOL_SIZE,
    applicationName,
  });
  pool.on('error', (error) => options.logger.warn({ err: error }, 'access-record connection lost'));
  try {
    await prepare(pool, options, applicationName);
  } catch (error) {
    await pool.end();
    throw new Error(`The access-record store cannot be prepared: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const writer = createRecordWriter({
    pool,
    streamId: options.streamId,
    timeoutMs: options.appendTimeoutMs,
    probeIntervalMs: options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS,
    onError: (error) => options.logger.error({ err: error }, 'access records cannot be committed'),
  });
  const checkpoints = options.checkpoints;
  const checkpointer =
    checkpoints &&
    checkpointKey &&
    startCheckpointer({
      head: writer.head,
      storeId: await storeIdentity(pool, DEFAULT_RECORDS_SCHEMA),
      streamId: options.streamId,
      key: checkpointKey,
      dir: checkpoints.dir,
      pool,
      intervalMs: checkpoints.intervalMs,
      onError: (error) => options.logger.error({ err: error }, 'record checkpoint not stored'),
    });
  return {
    writer,
    pool,
    checkpoint: async () => {
      await checkpointer?.checkpoint();
    },
    close: async (deadlineMs) => {
      const until = deadlineMs === undefined ? undefined : Date.now() + deadlineMs;
      // The last checkpoint's file line is instant; its copy in the table gets what is left.
      await writer.close(until === undefined ? undefined : Math.max(0, until - Date.now() - 300));
      await checkpointer?.close(until === undefined ? undefined : until - Date.now());
      await endPool(pool, until === undefined ? STORE_END_MS : until - Date.now());
    },
  };
}

async function prepare(
  pool: pg.Pool,
  options: RecordsStoreOptions,
  applicationName: string,
): Promise<void> {
  if (!options.migrationUrl) {
    await migrateRecords(pool);
  } else {
    const owner = openStorePool(options.migrationUrl, { ...options, max: 1, applicationName });
    owner.on('error', () => undefined);
    try {
      await migrateRecords(owner);
      const { rows } = await pool.query<{ role: string }>('SELECT current_user AS role');
      await grantWriter(owner, DEFAULT_RECORDS_SCHEMA, rows[0]!.role);
    } finally {
      await owner.end();
    }
  }
  // This month and the next, ahead of the first record; the writer keeps up at each rollover.
  await ensurePartitions(pool, DEFAULT_RECORDS_SCHEMA, [monthOf(new Date())]);
  const excess = await excessRights(pool, DEFAULT_RECORDS_SCHEMA);
  if (excess.length === 0) return;
  const message =
    `The gateway's record-store role can change records (${excess.join('; ')}): ` +
    'connect RECORDS_DATABASE_URL as a role with INSERT and SELECT only and run migrations ' +
    'as the owner (RECORDS_MIGRATION_DATABASE_URL).';
  if (options.privileges === 'require') throw new Error(message);
  options.logger.error({ excess }, message);
}
