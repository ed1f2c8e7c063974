import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createLogger } from '../../gateway/logger';
import { openRecordsStore, type RecordsStore } from '../../records/store';
import { testDatabaseUrl } from './database';

/** An access-record store on the test database, on a stream of its own. */
export function testRecords(streamId = `test-${randomUUID()}`): Promise<RecordsStore> {
  return openRecordsStore({ url: testDatabaseUrl(), streamId, logger: createLogger('silent') });
}

/** The records of one stream, oldest first, as stored (for assertions). */
export async function recordsOf(streamId: string): Promise<Record<string, any>[]> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT * FROM access_records.access_record WHERE stream_id = $1 ORDER BY seq',
      [streamId],
    );
    return rows;
  } finally {
    await client.end();
  }
}
