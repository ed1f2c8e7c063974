import type pg from 'pg';
import { createRecordWriter, verifyChains } from '../../../records';
import { insertStatement, toRow } from '../../../records/columns';
import { chainRecords } from '../../../records/commit';
import { caseworkerChecksEligibility, freshRecordsSchema } from './support';

const schema = 'records_pipeline_test';
let pool: pg.Pool;
beforeAll(async () => {
  pool = await freshRecordsSchema(schema);
  // A record the server refuses at INSERT (as a broken store would): its whole batch fails,
  // 200 ms after it arrived, so the batch after it is surely sent, chained on it, meanwhile.
  await pool.query(`
    CREATE FUNCTION ${schema}.refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.request_id = 'poison' THEN
        PERFORM pg_sleep(0.2);
        RAISE EXCEPTION 'poisoned batch';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER poison BEFORE INSERT ON ${schema}.access_record
      FOR EACH ROW EXECUTE FUNCTION ${schema}.refuse_poison()`);
});
afterAll(() => pool.end());

async function requestsOf(streamId: string): Promise<string[]> {
  const { rows } = await pool.query<{ request_id: string; seq: number }>(
    `SELECT request_id, seq::int AS seq FROM ${schema}.access_record WHERE stream_id = $1 ORDER BY seq`,
    [streamId],
  );
  rows.forEach((row, i) => expect(row.seq).toBe(i + 1)); // no gap
  return rows.map((r) => r.request_id);
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('pipelined group commits (two batches in flight, the second chained on the first)', () => {
  it('chains every batch after the first ahead (one round trip each), on one valid chain', async () => {
    const writer = createRecordWriter({ pool, streamId: 'gw-pipelined', schema, pipelineDepth: 2 });
    await writer.append(caseworkerChecksEligibility({ requestId: 'first' }));
    const appends: Promise<unknown>[] = [];
    for (let turn = 0; turn < 50; turn++) {
      appends.push(writer.append(caseworkerChecksEligibility({ requestId: `r-${turn}` })));
      await nextTurn();
    }
    await Promise.all(appends);
    await writer.close();
    const { batches, chainedAhead, failedBatches } = writer.stats();
    expect(failedBatches).toBe(0);
    // Only the first batch read the head from the table; every other was chained ahead.
    expect(chainedAhead).toBe(batches - 1);
    expect(await requestsOf('gw-pipelined')).toHaveLength(51);
    await expect(verifyChains(pool, { schema, streamId: 'gw-pipelined' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('fails the batch sent after a failed one too, and chains it again: no gap, no fork', async () => {
    const writer = createRecordWriter({ pool, streamId: 'gw-poisoned', schema, pipelineDepth: 2 });
    await writer.append(caseworkerChecksEligibility({ requestId: 'before' }));
    const poisoned = writer.append(caseworkerChecksEligibility({ requestId: 'poison' }));
    await nextTurn(); // the poisoned batch is on its way; the next is chained on its head
    const after = [1, 2, 3].map((i) =>
      writer.append(caseworkerChecksEligibility({ requestId: `after-${i}` })),
    );
    await expect(poisoned).rejects.toThrow(/poisoned batch/);
    const stored = await Promise.all(after);
    await writer.close();
    // The second batch was refused behind the first (not committed after a gap), then re-chained.
    expect(writer.stats()).toMatchObject({ failedBatches: 2 });
    expect(stored.map((s) => s.seq)).toEqual([2, 3, 4]);
    expect(await requestsOf('gw-poisoned')).toEqual(['before', 'after-1', 'after-2', 'after-3']);
    await expect(verifyChains(pool, { schema, streamId: 'gw-poisoned' })).resolves.toMatchObject({
      ok: true,
    });
  });
});

describe('the chain-order check of the server (migration 009)', () => {
  /** Opens a transaction that inserts `requestIds` after (seq, hash), as the writer does. */
  async function batch(
    client: pg.PoolClient,
    streamId: string,
    after: { seq: number; hash: string },
    time = '2025-03-01T02:00:00.000Z',
    /** Names the batch's last record, as the writer does since migration 011 (an older one did not). */
    namesLast = false,
  ) {
    const stored = chainRecords(streamId, after, [caseworkerChecksEligibility({ time })]);
    const last = stored.at(-1)!;
    await client.query(
      `BEGIN; SELECT set_config('access_records.commit_check', '${stored[0]!.id}', true),
         set_config('access_records.chain_after', '${after.seq}:${after.hash}', true),
         set_config('access_records.chain_last', '${namesLast ? `${last.seq}:${last.hash}` : ''}', true),
         pg_advisory_xact_lock(hashtext('${streamId}'), ${last.seq})`,
    );
    await client.query(insertStatement(`${schema}.access_record`), [
      JSON.stringify(stored.map(toRow)),
    ]);
    return { seq: last.seq, hash: last.hash };
  }

  it('holds a batch whose predecessor is still committing, and refuses it when that one rolls back', async () => {
    const [first, second] = [await pool.connect(), await pool.connect()];
    try {
      const genesis = { seq: 0, hash: '0'.repeat(64) };
      const head = await batch(first, 'gw-order', genesis);
      await batch(second, 'gw-order', head);
      const commit = second.query('COMMIT');
      let settled = false;
      void commit.then(
        () => (settled = true),
        () => (settled = true),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(settled).toBe(false); // waiting for the first batch to end
      await first.query('ROLLBACK');
      await expect(commit).rejects.toMatchObject({ code: '40001' });
      expect(await requestsOf('gw-order')).toEqual([]);
    } finally {
      first.release();
      second.release();
    }
  });

  it('refuses a second batch continuing the record another batch already continued (a fork)', async () => {
    const [one, two] = [await pool.connect(), await pool.connect()];
    try {
      const genesis = { seq: 0, hash: '0'.repeat(64) };
      await batch(one, 'gw-fork', genesis);
      await one.query('COMMIT');
      await batch(two, 'gw-fork', genesis, '2025-03-01T02:00:01.000Z');
      await expect(two.query('COMMIT')).rejects.toThrow(/seq 1 is already taken/);
      expect(await requestsOf('gw-fork')).toHaveLength(1);
    } finally {
      one.release();
      two.release();
    }
  });

  it("keeps each stream's head (migration 011): the batch continuing it commits, a fork or a gap is still refused", async () => {
    const client = await pool.connect();
    const head = async () =>
      (
        await pool.query<{ seq: number; hash: string }>(
          `SELECT seq::int AS seq, hash FROM ${schema}.stream_head WHERE stream_id = 'gw-head'`,
        )
      ).rows[0];
    try {
      const genesis = { seq: 0, hash: '0'.repeat(64) };
      const first = await batch(client, 'gw-head', genesis, undefined, true);
      await client.query('COMMIT');
      expect(await head()).toEqual(first);
      const second = await batch(client, 'gw-head', first, '2025-03-01T02:00:01.000Z', true);
      await client.query('COMMIT');
      expect(await head()).toEqual(second);
      // A fork: continuing the first record again, although the second already did.
      await batch(client, 'gw-head', first, '2025-03-01T02:00:02.000Z', true);
      await expect(client.query('COMMIT')).rejects.toThrow(/seq 2 is already taken/);
      // A gap: continuing a record that is not stored.
      await batch(client, 'gw-head', { seq: 5, hash: 'a'.repeat(64) }, undefined, true);
      await expect(client.query('COMMIT')).rejects.toThrow(/seq 5\) is not stored/);
      expect(await head()).toEqual(second);
      // A writer that does not name its last record leaves no head: the next batch is checked
      // the long way, and still continues the right record.
      const third = await batch(client, 'gw-head', second, '2025-03-01T02:00:03.000Z');
      await client.query('COMMIT');
      expect(await head()).toBeUndefined();
      await batch(client, 'gw-head', second, '2025-03-01T02:00:04.000Z', true);
      await expect(client.query('COMMIT')).rejects.toThrow(/seq 3 is already taken/);
      await batch(client, 'gw-head', third, '2025-03-01T02:00:05.000Z', true);
      await client.query('COMMIT');
      expect(await requestsOf('gw-head')).toHaveLength(4);
      await expect(verifyChains(pool, { schema, streamId: 'gw-head' })).resolves.toMatchObject({
        ok: true,
      });
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  });

  it("keeps the head out of the writer's reach: only committed, checked batches move it", async () => {
    const { rows } = await pool.query<{ definer: boolean }>(
      `SELECT prosecdef AS definer FROM pg_proc
        WHERE proname = 'refuse_broken_chain' AND pronamespace = '${schema}'::regnamespace`,
    );
    expect(rows).toEqual([{ definer: true }]);
    const { rows: grants } = await pool.query(
      `SELECT grantee FROM information_schema.role_table_grants
        WHERE table_schema = $1 AND table_name = 'stream_head' AND grantee = 'PUBLIC'`,
      [schema],
    );
    expect(grants).toEqual([]);
  });
});
