import type pg from 'pg';
import { recordsAbout, searchRecords } from '../../records';
import { median } from '../stats';
import { CONSUMER_X, PERSON_X, RARE_FIELD } from './seed';

/** One search on the seeded store: its times and the plan PostgreSQL chose. */
export interface TimedQuery {
  name: string;
  /** Records the page returned. */
  rows: number;
  medianMs: number;
  timesMs: number[];
  /** EXPLAIN (ANALYZE, BUFFERS) of the statement the search sent, last run. */
  plan: string;
}

const DAY_MS = 86_400_000;

/**
 * The searches an auditor and a citizen make, each through the function the gateway calls
 * (`recordsAbout`, `searchRecords`): timed `runs` times after one unrecorded run, median kept.
 */
export async function timeQueries(
  pool: pg.Pool,
  schema: string,
  runs: number,
): Promise<TimedQuery[]> {
  const now = new Date();
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const searches: { name: string; run: (db: pg.Pool) => Promise<{ records: unknown[] }> }[] = [
    {
      name: `who read person X in the last three years (citizen view, ${PERSON_X}, 50 newest)`,
      run: (db) => recordsAbout(db, PERSON_X, { now, limit: 50, schema }),
    },
    {
      name: `auditor: records about person X, from three years ago (50 newest)`,
      run: (db) => searchRecords(db, { personId: PERSON_X, from: ago(3 * 365), limit: 50, schema }),
    },
    {
      name: `auditor: one official's reads in the last 90 days (${CONSUMER_X}, 50 newest)`,
      run: (db) =>
        searchRecords(db, {
          consumerId: CONSUMER_X,
          from: ago(90),
          to: now.toISOString(),
          limit: 50,
          schema,
        }),
    },
    {
      name: `auditor: who read ${RARE_FIELD} in the last 30 days (50 newest)`,
      run: (db) => searchRecords(db, { coordinate: RARE_FIELD, from: ago(30), limit: 50, schema }),
    },
    {
      name: `auditor: one official's reads of ${RARE_FIELD} in the last year (50 newest)`,
      run: (db) =>
        searchRecords(db, {
          consumerId: CONSUMER_X,
          coordinate: RARE_FIELD,
          from: ago(365),
          limit: 50,
          schema,
        }),
    },
  ];
  const timed: TimedQuery[] = [];
  for (const search of searches) {
    const captured = capturing(pool);
    const first = await search.run(captured.pool);
    const timesMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await search.run(pool);
      timesMs.push(performance.now() - started);
    }
    const { text, values } = captured.last()!;
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`,
      values,
    );
    timed.push({
      name: search.name,
      rows: first.records.length,
      medianMs: median(timesMs),
      timesMs,
      plan: rows.map((r) => r['QUERY PLAN']).join('\n'),
    });
  }
  return timed;
}

/** A pool whose last query (text and values) is kept, to explain what a search sent. */
function capturing(pool: pg.Pool): {
  pool: pg.Pool;
  last(): { text: string; values: unknown[] } | undefined;
} {
  let last: { text: string; values: unknown[] } | undefined;
  const wrapper = {
    query: (config: string | pg.QueryConfig, values?: unknown[]) => {
      last =
        typeof config === 'string'
          ? { text: config, values: values ?? [] }
          : { text: config.text, values: config.values ?? [] };
      return pool.query(config as pg.QueryConfig, values);
    },
  } as unknown as pg.Pool;
  return { pool: wrapper, last: () => last };
}
