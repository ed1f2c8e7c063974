import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT_DIR } from '../../schema/load-manifest';
import { startEmbeddedPostgres } from '../../subgraphs/kit/embedded-postgres';
import { migrateRecords } from '../../records';
import { freePort } from '../processes';
import type { Settings } from '../settings';
import { sustainedAppend, type AppendRun } from './append';
import { timeQueries, type TimedQuery } from './queries';
import { SEEDED_MONTHS, seedRecords, storedRecords } from './seed';
import { verifyRate, type VerifyRun } from './verify-rate';

/** The records schema the section seeds (kept between runs: seeding ten million takes a while). */
export const BENCH_RECORDS_SCHEMA = 'bench_records';
/** Producers like a gateway's in-flight requests (the bench's 20 connections): the pipelining comparison. */
const GATEWAY_LIKE_PRODUCERS = 20;
/** Their random pause between appends (0..ms), so that they do not append in step. */
const GATEWAY_LIKE_THINK_MS = 2;
/** Timed runs of each search (after one unrecorded run). */
const QUERY_RUNS = 7;
/** Records of one stream the verify timing walks. */
const VERIFY_RECORDS = 250_000;

/** What the records section measured: bench/results/<timestamp>.json `records`. */
export interface RecordsBench {
  store: { records: number; months: number; seededS: number | null; sizeMb: number };
  append: AppendRun[];
  queries: TimedQuery[];
  verify: VerifyRun;
}

/**
 * The access-record store at scale, on the bench's PostgreSQL (DATABASE_URL, or an embedded
 * one in .data/bench-postgres/records): sustained appends with every index, partition and the
 * checkpointer on; a store of `settings.records` records seeded once (reused while it holds as
 * many) and searched; the chain walk of `audit verify` per million records.
 */
export async function recordsSection(
  settings: Settings,
  log: (line: string) => void,
): Promise<RecordsBench> {
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({
        dataDir: join(ROOT_DIR, '.data', 'bench-postgres', 'records'),
        port: await freePort(),
      });
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL ?? embedded!.url, max: 8 });
  pool.on('error', () => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'gov-bench-records-'));
  try {
    let seededS: number | null = null;
    if ((await storedRecords(pool, BENCH_RECORDS_SCHEMA)) < settings.records * 0.99) {
      log(`records: seeding ${settings.records} records over ${SEEDED_MONTHS} months (minutes)`);
      const started = performance.now();
      await seedRecords(pool, BENCH_RECORDS_SCHEMA, settings.records, log);
      seededS = (performance.now() - started) / 1000;
    }
    await migrateRecords(pool, { schema: BENCH_RECORDS_SCHEMA });
    const records = await storedRecords(pool, BENCH_RECORDS_SCHEMA);
    log(`records: ${records} records stored; searches (${QUERY_RUNS} runs each)`);
    const queries = await timeQueries(pool, BENCH_RECORDS_SCHEMA, QUERY_RUNS);
    log(`records: verify, the last ${VERIFY_RECORDS} records of one stream`);
    const verify = await verifyRate(pool, BENCH_RECORDS_SCHEMA, 'bench-seed-1', VERIFY_RECORDS);
    const append: AppendRun[] = [];
    const runs = [
      { producers: settings.recordsProducers, pipelineDepth: 2, thinkMs: 0 },
      { producers: GATEWAY_LIKE_PRODUCERS, pipelineDepth: 1, thinkMs: GATEWAY_LIKE_THINK_MS },
      { producers: GATEWAY_LIKE_PRODUCERS, pipelineDepth: 2, thinkMs: GATEWAY_LIKE_THINK_MS },
    ];
    for (const run of runs) {
      log(
        `records: ${settings.recordsAppendS} s of appends, ${run.producers} producers, pipeline depth ${run.pipelineDepth}`,
      );
      append.push(
        await sustainedAppend(pool, {
          schema: BENCH_RECORDS_SCHEMA,
          seconds: settings.recordsAppendS,
          dir,
          ...run,
        }),
      );
    }
    const { rows } = await pool.query<{ mb: string }>(
      `SELECT (sum(pg_total_relation_size(inhrelid)) / 1048576)::bigint::text AS mb
         FROM pg_inherits WHERE inhparent = to_regclass($1)`,
      [`${BENCH_RECORDS_SCHEMA}.access_record`],
    );
    return {
      store: { records, months: SEEDED_MONTHS, seededS, sizeMb: Number(rows[0]?.mb ?? 0) },
      append,
      queries,
      verify,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await pool.end();
    await embedded?.stop();
  }
}
