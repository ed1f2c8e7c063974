import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEFAULT_RECORDS_SCHEMA } from '../../records';
import { recordsTable } from '../../records/sql';
import { openStore } from '../../subgraphs/kit';
import { freePort } from '../processes';

/** Where `ours` commits its access records during a run. */
export interface RecordStore {
  url: string;
  /** 'RECORDS_DATABASE_URL' or 'DATABASE_URL' when given, else 'embedded (throwaway)'. */
  source: string;
  /** Records of `streamId` since `since`, by outcome. */
  count(streamId: string, since: Date): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** RECORDS_DATABASE_URL, else DATABASE_URL, else an embedded PostgreSQL removed at the end. */
export async function openRecordStore(env: NodeJS.ProcessEnv): Promise<RecordStore> {
  const given = env.RECORDS_DATABASE_URL ?? env.DATABASE_URL;
  const source = env.RECORDS_DATABASE_URL
    ? 'RECORDS_DATABASE_URL'
    : env.DATABASE_URL
      ? 'DATABASE_URL'
      : 'embedded (throwaway)';
  const dataDir = given ? null : mkdtempSync(join(tmpdir(), 'gov-conformance-pg-'));
  // As root, PostgreSQL runs as a 'postgres' user, which must reach its data directory.
  if (dataDir) chmodSync(dataDir, 0o755);
  const removeDataDir = () => dataDir && rmSync(dataDir, { recursive: true, force: true });
  const store = await openStore(
    { DATABASE_URL: given },
    { dataDir: dataDir ? join(dataDir, 'data') : undefined, port: await freePort() },
  ).catch((error: unknown) => {
    removeDataDir();
    throw error;
  });
  return {
    url: store.url,
    source,
    count: async (streamId, since) => {
      const client = new pg.Client({ connectionString: store.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ outcome: string; n: string }>(
          `SELECT outcome, count(*) AS n FROM ${recordsTable(DEFAULT_RECORDS_SCHEMA)}
            WHERE stream_id = $1 AND occurred_at >= $2 GROUP BY outcome ORDER BY outcome`,
          [streamId, since],
        );
        return Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]));
      } finally {
        await client.end();
      }
    },
    stop: async () => {
      await store.stop();
      removeDataDir();
    },
  };
}
