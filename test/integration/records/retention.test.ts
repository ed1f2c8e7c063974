import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { createRecordWriter, verifyChains } from '../../../records';
import { caseworkerChecksEligibility, freshRecordsSchema } from './support';

const schema = 'records_retention_test';
let pool: pg.Pool;
beforeAll(async () => {
  pool = await freshRecordsSchema(schema);
});
afterAll(() => pool.end());

const YEARS_AGO = (n: number) => new Date(Date.now() - n * 366 * 24 * 3600_000).toISOString();

describe('retention: records are kept at least three years, and never removed by the application', () => {
  it('keeps records older than three years, refusing every way the application could remove them', async () => {
    const writer = createRecordWriter({ pool, streamId: 'gw-old', schema });
    for (const years of [5, 4, 3.5, 0]) {
      await writer.append(caseworkerChecksEligibility({ time: YEARS_AGO(years) }));
    }
    await writer.close();
    const old = `occurred_at < now() - interval '3 years'`;
    for (const statement of [
      `DELETE FROM ${schema}.access_record WHERE ${old}`,
      `UPDATE ${schema}.access_record SET subjects = '{}' WHERE ${old}`,
      `TRUNCATE ${schema}.access_record`,
    ]) {
      await expect(pool.query(statement)).rejects.toThrow(/access records are append-only/);
    }
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${schema}.access_record WHERE ${old}`,
    );
    expect(Number(rows[0]!.n)).toBe(3);
    expect((await verifyChains(pool, { schema })).ok).toBe(true);
  });

  it('has no statement that removes or changes a record anywhere in the record store', () => {
    const dir = join(__dirname, '..', '..', '..', 'records');
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''));
    for (const source of sources) {
      expect(source).not.toMatch(/\b(DELETE\s+FROM|UPDATE\s+\S+\s+SET|TRUNCATE)\b/i);
    }
  });
});
