import { rmSync } from 'node:fs';
import { dropDatabase } from './database';

/** Drops the run's test database, stops the embedded PostgreSQL the global setup started and removes its data. */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis as {
    __store?: { stop(): Promise<void> };
    __testDatabase?: { serverUrl: string; name: string };
    __scratch?: string;
  };
  if (state.__testDatabase && !process.env.TEST_DB_NAME) {
    await dropDatabase(state.__testDatabase.serverUrl, state.__testDatabase.name);
  }
  await state.__store?.stop();
  if (state.__scratch) rmSync(state.__scratch, { recursive: true, force: true });
}
