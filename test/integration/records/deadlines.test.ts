import type pg from 'pg';
import {
  createRecordWriter,
  openStorePool,
  recordsAbout,
  RecordStoreUnavailable,
  verifyChains,
  type AccessRecord,
  type RecordWriter,
} from '../../../records';
import { caseworkerChecksEligibility, freshRecordsSchema } from './support';
import { startStallRelay, type StallRelay } from './stall-relay';

const schema = 'records_deadlines_test';
const TIMEOUT_MS = 1_000;
let pool: pg.Pool;
let relay: StallRelay;
let relayed: pg.Pool;
beforeAll(async () => {
  pool = await freshRecordsSchema(schema);
});
afterAll(() => pool.end());
beforeEach(async () => {
  relay = await startStallRelay();
  relayed = openStorePool(relay.url, {
    max: 4,
    applicationName: 'deadlines-test',
    connectTimeoutMs: 500,
  });
  relayed.on('error', () => undefined);
});
afterEach(async () => {
  relay.release();
  await relayed.end();
  await relay.close();
});

function writerOn(streamId: string, probeIntervalMs = 0): RecordWriter {
  return createRecordWriter({
    pool: relayed,
    streamId,
    schema,
    timeoutMs: TIMEOUT_MS,
    probeIntervalMs,
  });
}

/** A served read of person p-000001, and what to append should its client get nothing after all. */
function servedRead(requestId: string): [AccessRecord, { compensation: AccessRecord }] {
  const record = caseworkerChecksEligibility({ requestId });
  return [record, { compensation: { ...record, outcome: 'failed', reason: 'response-withheld' } }];
}

async function storedOf(streamId: string) {
  const { rows } = await pool.query<{
    seq: number;
    request_id: string;
    outcome: string;
    reason: string | null;
  }>(
    `SELECT seq::int AS seq, request_id, outcome, reason FROM ${schema}.access_record
     WHERE stream_id = $1 ORDER BY seq`,
    [streamId],
  );
  return rows;
}

async function within<T>(ms: number, promise: Promise<T>): Promise<number> {
  const started = Date.now();
  await promise.catch(() => undefined);
  const took = Date.now() - started;
  expect(took).toBeLessThan(ms);
  return took;
}

describe('a record whose commit is late never says served to a client that got nothing', () => {
  it('a COMMIT delivered after the deadline is refused by the server; the compensating record says withheld', async () => {
    const writer = writerOn('gw-late-commit');
    await writer.append(...servedRead('req-before'));
    relay.mode = 'hold-commit';
    const late = writer.append(...servedRead('req-late'));
    await expect(late).rejects.toBeInstanceOf(RecordStoreUnavailable);
    await within(TIMEOUT_MS + 500, late);
    relay.mode = 'forward';
    await new Promise((resolve) => setTimeout(resolve, 300));
    relay.release(); // the stalled path finally delivers the COMMIT, after the deadline
    await writer.close(5_000);
    expect(await storedOf('gw-late-commit')).toEqual([
      { seq: 1, request_id: 'req-before', outcome: 'served', reason: null },
      { seq: 2, request_id: 'req-late', outcome: 'failed', reason: 'response-withheld' },
    ]);
    expect(writer.stats()).toMatchObject({ compensations: 1, abandoned: 1 });
    await expect(verifyChains(pool, { schema, streamId: 'gw-late-commit' })).resolves.toMatchObject(
      { ok: true },
    );
  });

  it('a commit that landed but whose answer was lost is followed by the record that says withheld', async () => {
    const writer = writerOn('gw-lost-ack');
    relay.mode = 'lose-commit-ack';
    const lost = writer.append(...servedRead('req-lost-ack'));
    await expect(lost).rejects.toThrow(/did not finish within|not committed within/);
    relay.mode = 'forward';
    await writer.close(5_000);
    expect(await storedOf('gw-lost-ack')).toEqual([
      { seq: 1, request_id: 'req-lost-ack', outcome: 'served', reason: null },
      { seq: 2, request_id: 'req-lost-ack', outcome: 'failed', reason: 'response-withheld' },
    ]);
    // The person it concerned is not told of a read that disclosed nothing.
    const { records } = await recordsAbout(pool, 'p-000001', { schema, now: new Date() });
    expect(records.map((r) => r.requestId)).not.toContain('req-lost-ack');
    expect(records.map((r) => r.requestId)).toContain('req-before');
  });
});

it('the server itself refuses a COMMIT after the deadline the batch set', async () => {
  const client = await pool.connect();
  try {
    await client.query(
      `BEGIN; SELECT set_config('access_records.commit_by', (clock_timestamp() - interval '1 ms')::text, true),
         set_config('access_records.commit_check', '00000000-0000-4000-8000-00000000d1e5', true)`,
    );
    await client.query(`INSERT INTO ${schema}.access_record (stream_id, seq, id, format, occurred_at,
      request_id, consumer_kind, consumer_id, operation_hash, fields, departments, outcome,
      duration_ms, subjects, prev_hash, hash) VALUES ('gw-trigger', 1, '00000000-0000-4000-8000-00000000d1e5', 2, now(),
      'r', 'anonymous', 'anonymous', '', '[]', '{}', 'served', 0, '{}', repeat('0', 64), repeat('0', 64))`);
    await expect(client.query('COMMIT')).rejects.toThrow(/deadline .* has passed/);
  } finally {
    client.release();
  }
});

describe('a connection that stops answering', () => {
  it('is abandoned when its caller stops waiting and replaced; the store is seen back with no request', async () => {
    const writer = writerOn('gw-stalled', 200);
    await writer.append(caseworkerChecksEligibility());
    relay.mode = 'freeze';
    const stalled = [1, 2, 3].map((i) =>
      writer.append(caseworkerChecksEligibility({ requestId: `stalled-${i}` })),
    );
    for (const append of stalled)
      await expect(append).rejects.toBeInstanceOf(RecordStoreUnavailable);
    await within(TIMEOUT_MS + 500, Promise.allSettled(stalled));
    expect(writer.healthy()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the batch's watchdog shares the deadline
    expect(writer.stats().abandoned).toBeGreaterThanOrEqual(1);

    relay.mode = 'forward'; // new connections pass; the frozen ones stay frozen
    const started = Date.now();
    while (!writer.healthy()) {
      expect(Date.now() - started).toBeLessThan(3 * TIMEOUT_MS);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const next = await writer.append(caseworkerChecksEligibility({ requestId: 'after' }));
    expect(next.seq).toBe(2);
    await writer.close();
    expect((await storedOf('gw-stalled')).map((r) => r.request_id)).toEqual(['req-1', 'after']);
  });

  it('does not hold up close(): what cannot be flushed by the deadline is given up', async () => {
    const writer = writerOn('gw-closing');
    relay.mode = 'freeze';
    const pending = writer.append(caseworkerChecksEligibility());
    await within(800, writer.close(300));
    await expect(pending).rejects.toBeInstanceOf(RecordStoreUnavailable);
  });
});
