import type pg from 'pg';
import { createRecordWriter, verifyChains } from '../../../records';
import { caseworkerChecksEligibility, freshRecordsSchema } from './support';

const schema = 'records_throughput_test';
const PRODUCERS = 50;
const APPENDS = 20_000;

let pool: pg.Pool;
beforeAll(async () => {
  pool = await freshRecordsSchema(schema);
});
afterAll(() => pool.end());

// Measures sustained records/s for the README; asserts correctness only, never speed.
describe('group commit under load', () => {
  it(`commits ${APPENDS} appends from ${PRODUCERS} concurrent producers on one valid chain`, async () => {
    const writer = createRecordWriter({ pool, streamId: 'gw-load', schema });
    let next = 0;
    const producer = async () => {
      while (next < APPENDS) {
        const i = next++;
        await writer.append(
          caseworkerChecksEligibility({ requestId: `req-${i}`, subjects: [`p-${i}`] }),
        );
      }
    };
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: PRODUCERS }, producer));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await writer.close();

    const { batches, records } = writer.stats();
    process.stdout.write(
      `\naccess records: ${APPENDS} appends from ${PRODUCERS} producers in ${seconds.toFixed(2)} s = ` +
        `${Math.round(APPENDS / seconds)} records/s, ${batches} transactions ` +
        `(${(records / batches).toFixed(1)} records each)\n`,
    );
    expect(records).toBe(APPENDS);
    expect(batches).toBeLessThan(APPENDS / 10);
    await expect(verifyChains(pool, { schema })).resolves.toMatchObject({
      ok: true,
      streams: [{ streamId: 'gw-load', records: APPENDS }],
    });
  });
});
