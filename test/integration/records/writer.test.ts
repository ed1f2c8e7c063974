import type pg from 'pg';
import { createRecordWriter, InvalidRecord, migrateRecords, verifyChains } from '../../../records';
import { caseworkerChecksEligibility, freshRecordsSchema } from './support';

const schema = 'records_writer_test';
let pool: pg.Pool;
beforeAll(async () => {
  pool = await freshRecordsSchema(schema);
});
afterAll(() => pool.end());

async function rowsOf(streamId: string): Promise<{ seq: number; purpose: string }[]> {
  const { rows } = await pool.query(
    `SELECT seq::int AS seq, purpose FROM ${schema}.access_record WHERE stream_id = $1 ORDER BY seq`,
    [streamId],
  );
  return rows;
}

describe('migrateRecords', () => {
  it('is idempotent: a second run applies nothing', async () => {
    await expect(migrateRecords(pool, { schema })).resolves.toEqual([]);
  });
});

describe('the record writer (group commit)', () => {
  it('commits 1,000 concurrent appends as 1,000 rows in far fewer transactions, chained', async () => {
    const writer = createRecordWriter({ pool, streamId: 'gw-concurrent', schema });
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        writer.append(caseworkerChecksEligibility({ requestId: `req-${i}` })),
      ),
    );
    await writer.close();

    expect(new Set(results.map((r) => r.seq))).toEqual(
      new Set(Array.from({ length: 1000 }, (_, i) => i + 1)),
    );
    expect(await rowsOf('gw-concurrent')).toHaveLength(1000);
    const stats = writer.stats();
    expect(stats.records).toBe(1000);
    expect(stats.batches).toBeLessThanOrEqual(10);
    expect(stats.failedBatches).toBe(0);
    const report = await verifyChains(pool, { schema, streamId: 'gw-concurrent' });
    expect(report).toEqual({
      ok: true,
      streams: [
        { streamId: 'gw-concurrent', records: 1000, head: { seq: 1000, hash: results[999]!.hash } },
      ],
    });
  });

  it('resolves each append with its own id, seq and hash', async () => {
    const writer = createRecordWriter({ pool, streamId: 'gw-ids', schema });
    const [a, b] = await Promise.all([
      writer.append(caseworkerChecksEligibility({ requestId: 'req-a' })),
      writer.append(caseworkerChecksEligibility({ requestId: 'req-b' })),
    ]);
    await writer.close();
    const { rows } = await pool.query(
      `SELECT id::text, seq::int, hash, request_id FROM ${schema}.access_record
       WHERE stream_id = 'gw-ids' ORDER BY seq`,
    );
    expect(rows).toEqual([
      { id: a!.id, seq: 1, hash: a!.hash, request_id: 'req-a' },
      { id: b!.id, seq: 2, hash: b!.hash, request_id: 'req-b' },
    ]);
  });

  it('keeps two replicas writing at once on two valid chains', async () => {
    const one = createRecordWriter({ pool, streamId: 'gw-replica-1', schema });
    const two = createRecordWriter({ pool, streamId: 'gw-replica-2', schema });
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        (i % 2 ? one : two).append(caseworkerChecksEligibility({ requestId: `req-${i}` })),
      ),
    );
    await Promise.all([one.close(), two.close()]);
    const report = await verifyChains(pool, { schema });
    expect(report.ok).toBe(true);
    expect(report.streams.filter((s) => s.streamId.startsWith('gw-replica'))).toEqual([
      { streamId: 'gw-replica-1', records: 150, head: expect.objectContaining({ seq: 150 }) },
      { streamId: 'gw-replica-2', records: 150, head: expect.objectContaining({ seq: 150 }) },
    ]);
  });

  it('continues its stream after a restart, from the last committed record', async () => {
    const before = createRecordWriter({ pool, streamId: 'gw-restart', schema });
    await before.append(caseworkerChecksEligibility());
    const second = await before.append(caseworkerChecksEligibility());
    await before.close();

    const after = createRecordWriter({ pool, streamId: 'gw-restart', schema });
    const third = await after.append(caseworkerChecksEligibility());
    await after.close();

    expect(second.seq).toBe(2);
    expect(third.seq).toBe(3);
    const { rows } = await pool.query(
      `SELECT prev_hash FROM ${schema}.access_record WHERE stream_id = 'gw-restart' AND seq = 3`,
    );
    expect(rows[0].prev_hash).toBe(second.hash);
    await expect(verifyChains(pool, { schema, streamId: 'gw-restart' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('refuses a malformed record alone: the others of its batch are committed', async () => {
    const writer = createRecordWriter({ pool, streamId: 'gw-malformed', schema });
    const [good, bad, alsoGood] = await Promise.allSettled([
      writer.append(caseworkerChecksEligibility({ purpose: 'first' })),
      writer.append(caseworkerChecksEligibility({ subjects: ['p-\u0000'] })),
      writer.append(caseworkerChecksEligibility({ purpose: 'second' })),
    ]);
    await writer.close();
    expect(good.status).toBe('fulfilled');
    expect(alsoGood.status).toBe('fulfilled');
    expect(bad.status === 'rejected' && bad.reason).toBeInstanceOf(InvalidRecord);
    expect(writer.healthy()).toBe(true);
    expect(await rowsOf('gw-malformed')).toEqual([
      { seq: 1, purpose: 'first' },
      { seq: 2, purpose: 'second' },
    ]);
  });

  it('stores strings exactly, whatever characters they hold', async () => {
    const odd = 'a,"b"\\{c} d\'e 张三 😀';
    const writer = createRecordWriter({ pool, streamId: 'gw-odd', schema });
    await writer.append(
      caseworkerChecksEligibility({ subjects: [odd], departments: [odd], caseNumber: odd }),
    );
    await writer.close();
    const { rows } = await pool.query(
      `SELECT subjects, departments, case_number FROM ${schema}.access_record WHERE stream_id = 'gw-odd'`,
    );
    expect(rows).toEqual([{ subjects: [odd], departments: [odd], case_number: odd }]);
    await expect(verifyChains(pool, { schema, streamId: 'gw-odd' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('refuses appends once closed', async () => {
    const writer = createRecordWriter({ pool, streamId: 'gw-closed', schema });
    await writer.close();
    await expect(writer.append(caseworkerChecksEligibility())).rejects.toThrow(/is closed/);
  });
});
