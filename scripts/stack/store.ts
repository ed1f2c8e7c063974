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
