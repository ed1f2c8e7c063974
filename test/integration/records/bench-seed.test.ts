import type pg from 'pg';
import { verifyChains } from '../../../records';
import { PERSON_X, SEEDED_MONTHS, SEEDED_STREAMS, seedRecords } from '../../../bench/records/seed';
import { timeQueries } from '../../../bench/records/queries';
import { openPool } from './support';

const schema = 'records_bench_seed_test';
let pool: pg.Pool;
beforeAll(() => {
  pool = openPool();
});
afterAll(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pool.end();
});

// The records bench seeds its store by COPY, not through the writer: it must still be a store
// the writer could have written, or its search and verify timings would measure something else.
it('seeds valid chains over monthly partitions, which the timed searches read', async () => {
  await seedRecords(pool, schema, 40 * SEEDED_MONTHS, () => undefined);
  const { rows } = await pool.query<{ partitions: number; records: number }>(
    `SELECT count(DISTINCT tableoid)::int AS partitions, count(*)::int AS records
       FROM ${schema}.access_record`,
  );
  expect(rows[0]).toEqual({ partitions: SEEDED_MONTHS, records: 40 * SEEDED_MONTHS });
  const report = await verifyChains(pool, { schema });
  expect(report.ok).toBe(true);
  expect(report.streams).toHaveLength(SEEDED_STREAMS);
  const queries = await timeQueries(pool, schema, 1);
  expect(queries).toHaveLength(5);
  for (const query of queries) expect(query.plan).toMatch(/Execution Time/);
  expect(queries[0]!.name).toContain(PERSON_X);
}, 180_000);
