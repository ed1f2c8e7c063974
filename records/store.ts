import pg from 'pg';
import type { Logger } from 'pino';
import { migrateRecords } from './migrate';
import { createRecordWriter, type RecordWriter } from './writer';

/** Connections the access-record writer keeps (group commit needs few). */
export const RECORDS_POOL_SIZE = 4;

export interface RecordsStore {
  writer: RecordWriter;
  close(): Promise<void>;
}

/** Opens the access-record store: migrates it, and continues this replica's chain. */
export async function openRecordsStore(options: {
  url: string;
  streamId: string;
  logger: Logger;
}): Promise<RecordsStore> {
  const pool = new pg.Pool({ connectionString: options.url, max: RECORDS_POOL_SIZE });
  pool.on('error', (error) => options.logger.warn({ err: error }, 'access-record connection lost'));
  try {
    await migrateRecords(pool);
  } catch (error) {
    await pool.end();
    throw new Error(`The access-record store cannot be prepared: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const writer = createRecordWriter({
    pool,
    streamId: options.streamId,
    onError: (error) => options.logger.error({ err: error }, 'access records cannot be committed'),
  });
  return {
    writer,
    close: async () => {
      await writer.close();
      await pool.end();
    },
  };
}
