import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCity } from '../../fixtures/city';
import { loadDepartments } from '../../subgraphs';
import { openStore, prepareDepartment } from '../../subgraphs/kit';
import { migrateRecords } from '../../records';
import pg from 'pg';
import { TEST_CITY } from './city';
import { recreateDatabase } from './database';

/**
 * Once per run: a PostgreSQL server (DATABASE_URL, or the embedded one on a free port), a
 * fresh test database, every department migrated and seeded with the test city, the access
 * records migrated.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  // The embedded PostgreSQL's data (a few hundred MB), removed by the global teardown.
  const scratch = process.env.DATABASE_URL
    ? undefined
    : mkdtempSync(join(tmpdir(), 'govgraph-test-'));
  // Run as root, PostgreSQL runs as the 'postgres' user, which must reach its data directory.
  if (scratch) chmodSync(scratch, 0o755);
  const store = await openStore(process.env, {
    dataDir: scratch && join(scratch, 'pg'),
    port: await freePort(),
  });
  Object.assign(globalThis, { __store: store, __scratch: scratch });
  // One database per run, so two runs on one server (a developer's and CI's) never collide.
  const name = process.env.TEST_DB_NAME ?? `govgraph_test_${process.pid}`;
  const url = await recreateDatabase(store.url, name);
  (globalThis as { __testDatabase?: unknown }).__testDatabase = { serverUrl: store.url, name };
  const city = createCity(TEST_CITY);
  const databases = await Promise.all(
    loadDepartments().map((d) => prepareDepartment(d, url, city)),
  );
  await Promise.all(databases.map((db) => db.close()));
  // The records schema the data bureau serves, as the gateway would create it.
  const records = new pg.Pool({ connectionString: url, max: 1 });
  await migrateRecords(records).finally(() => records.end());
  process.env.TEST_DATABASE_URL = url;
  process.env.TEST_STORE_KIND = store.embedded ? 'embedded' : 'server';
  console.log(
    `\ntest database ready (${store.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}) in ${Date.now() - started} ms`,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
