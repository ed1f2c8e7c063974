import type pg from 'pg';
import { createRecordWriter, RecordStoreUnavailable, verifyChains } from '../../../records';
import {
  caseworkerChecksEligibility,
  freshRecordsSchema,
  openPool,
  startRelay,
  type Relay,
} from './support';

const schema = 'records_outage_test';
let pool: pg.Pool;
beforeAll(async () => {
  pool = await freshRecordsSchema(schema);
});
afterAll(() => pool.end());

async function seqsOf(streamId: string): Promise<number[]> {
  const { rows } = await pool.query<{ seq: number }>(
    `SELECT seq::int AS seq FROM ${schema}.access_record WHERE stream_id = $1 ORDER BY seq`,
    [streamId],
  );
  return rows.map((r) => r.seq);
}

describe('when the record store is unreachable', () => {
  let relay: Relay;
  let relayed: pg.Pool;
  beforeEach(async () => {
    relay = await startRelay();
    relayed = openPool(relay.url);
  });
  afterEach(async () => {
    await relayed.end();
    await relay.close();
  });

  it('rejects appends, reports unhealthy, then continues the chain without a gap', async () => {
    const errors: Error[] = [];
    const writer = createRecordWriter({
      pool: relayed,
      streamId: 'gw-outage',
      schema,
      onError: (e) => errors.push(e),
    });
    await writer.append(caseworkerChecksEligibility({ purpose: 'before' }));
    expect(writer.healthy()).toBe(true);

    await relay.cut();
    const refused = Array.from({ length: 5 }, () =>
      writer.append(caseworkerChecksEligibility({ purpose: 'during' })),
    );
    for (const append of refused) await expect(append).rejects.toThrow(RecordStoreUnavailable);
    await expect(refused[0]).rejects.toThrow(
      /^The access record store did not commit the record of stream 'gw-outage' \(.+\); personal data must be withheld/,
    );
    expect(writer.healthy()).toBe(false);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(writer.stats().failedBatches).toBeGreaterThanOrEqual(1);

    await relay.restore();
    const after = await Promise.all([
      writer.append(caseworkerChecksEligibility({ purpose: 'after' })),
      writer.append(caseworkerChecksEligibility({ purpose: 'after' })),
    ]);
    await writer.close();
    expect(writer.healthy()).toBe(true);
    expect(after.map((a) => a.seq)).toEqual([2, 3]);
    expect(await seqsOf('gw-outage')).toEqual([1, 2, 3]);
    await expect(verifyChains(pool, { schema, streamId: 'gw-outage' })).resolves.toMatchObject({
      ok: true,
      streams: [{ records: 3 }],
    });
  });

  it('fails the first append, and reports unhealthy, when the store was never reachable', async () => {
    await relay.cut();
    const writer = createRecordWriter({ pool: relayed, streamId: 'gw-never', schema });
    await expect(writer.append(caseworkerChecksEligibility())).rejects.toBeInstanceOf(
      RecordStoreUnavailable,
    );
    expect(writer.healthy()).toBe(false);
    await writer.close();
    expect(await seqsOf('gw-never')).toEqual([]);
  });

  it('fails appends that wait longer than the timeout for their commit', async () => {
    const stalled = openPool(relay.url, 1);
    const holder = await stalled.connect(); // the writer's pool has no connection left
    const writer = createRecordWriter({
      pool: stalled,
      streamId: 'gw-slow',
      schema,
      timeoutMs: 500,
    });
    await expect(writer.append(caseworkerChecksEligibility())).rejects.toThrow(
      /not committed within 500 ms/,
    );
    expect(writer.healthy()).toBe(false);
    holder.release();
    await writer.append(caseworkerChecksEligibility());
    expect(writer.healthy()).toBe(true);
    await writer.close();
    await stalled.end();
    expect(await seqsOf('gw-slow')).toEqual([1]);
  });
});

describe("when the writer's connection is terminated mid-transaction", () => {
  it('rejects that batch only; the next one continues from the committed head', async () => {
    const own = openPool(undefined, 2);
    const writer = createRecordWriter({ pool: own, streamId: 'gw-killed', schema });
    await writer.append(caseworkerChecksEligibility());

    // Hold the table so the writer's INSERT waits, then terminate the waiting backend.
    const blocker = await pool.connect();
    await blocker.query(`BEGIN; LOCK TABLE ${schema}.access_record IN ACCESS EXCLUSIVE MODE`);
    const inFlight = [1, 2, 3].map(() => writer.append(caseworkerChecksEligibility()));
    await waitFor(async () => {
      const { rowCount } = await pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock'
           AND (query LIKE $1 OR query LIKE $2)`,
        // This file's schema only: other test files' writers may be waiting on a lock too.
        [`%INSERT INTO "${schema}".access_record%`, `%"${schema}".append_records(%`],
      );
      return rowCount === 1;
    });
    for (const append of inFlight) await expect(append).rejects.toThrow(RecordStoreUnavailable);
    expect(writer.healthy()).toBe(false);
    await blocker.query('ROLLBACK');
    blocker.release();

    const next = await writer.append(caseworkerChecksEligibility());
    await writer.close();
    await own.end();
    expect(writer.healthy()).toBe(true);
    expect(next.seq).toBe(2);
    expect(await seqsOf('gw-killed')).toEqual([1, 2]);
    await expect(verifyChains(pool, { schema, streamId: 'gw-killed' })).resolves.toMatchObject({
      ok: true,
    });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
