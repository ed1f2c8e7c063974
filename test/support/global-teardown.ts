/** Stops the embedded PostgreSQL the global setup started (a no-op for DATABASE_URL). */
export default async function globalTeardown(): Promise<void> {
  const store = (globalThis as { __store?: { stop(): Promise<void> } }).__store;
  await store?.stop();
}
