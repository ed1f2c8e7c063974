import type { Writable } from 'node:stream';
import pg from 'pg';
import { openStore, type Store } from '../../subgraphs/kit';
import { readRunningStack, stackStatePath } from './state';

/**
 * The PostgreSQL a tool beside `npm start` uses: DATABASE_URL when set; else the running
 * stack's (never stopped by the tool); else the embedded one, started for the tool alone.
 */
export async function openToolStore(env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  if (env.DATABASE_URL) return openStore(env);
  const running = readRunningStack(stackStatePath(env));
  if (running)
    return {
      url: running.postgresUrl,
      embedded: running.embeddedPostgres,
      stop: async () => undefined,
    };
  return openStore(env);
}

/**
 * Runs a tool's `work` on a small pool on its store ({@link openToolStore}) and lets both go
 * after; a failure is written to `stderr` and answered with exit code 1.
 */
export async function onToolStore(
  env: NodeJS.ProcessEnv,
  stderr: Writable,
  work: (pool: pg.Pool, store: Store) => Promise<number>,
): Promise<number> {
  const store = await openToolStore(env);
  const pool = new pg.Pool({ connectionString: store.url, max: 2 });
  pool.on('error', () => undefined);
  try {
    return await work(pool, store);
  } catch (error) {
    stderr.write(`${(error as Error).message}\n`);
    return 1;
  } finally {
    await pool.end();
    await store.stop();
  }
}
