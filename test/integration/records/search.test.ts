import type pg from 'pg';
import type { AccessRecord } from '../../../records';
import { createRecordWriter, recordsAbout, searchRecords } from '../../../records';
import { caseworkerChecksEligibility, freshRecordsSchema } from './support';

const schema = 'records_search_test';
let pool: pg.Pool;

const inspectorReadsEnterprise = caseworkerChecksEligibility({
  time: '2025-03-02T01:00:00.000Z',
  requestId: 'req-inspector',
  consumer: {
    kind: 'official',
    id: 'official-mr-0009',
    department: 'market-regulation',
    role: 'inspector',
    application: null,
  },
  purpose: 'market-supervision',
  caseNumber: null,
  fields: [{ coordinate: 'Enterprise.taxCreditRating', pi: 'NONE', effect: 'allow' }],
  departments: ['market-regulation', 'tax'],
  subjects: [],
});
const caseworkerReadsTarget = caseworkerChecksEligibility({
  time: '2025-03-01T02:00:00.000Z',
  subjects: ['p-target', 'p-neighbour'],
});
const investigatorReadsTarget = caseworkerChecksEligibility({
  time: '2025-03-03T09:00:00.000Z',
  requestId: 'req-investigation',
  consumer: {
    kind: 'official',
    id: 'official-ps-0100',
    department: 'public-security',
    role: 'investigator',
    application: null,
  },
  purpose: 'criminal-investigation',
  caseNumber: 'GA-2025-777',
  subjects: ['p-target'],
  delayedUntil: '2025-09-01T00:00:00.000Z',
});

// Enough rows about other persons that the planner prefers the index for one person.
function background(i: number): AccessRecord {
  return caseworkerChecksEligibility({
    time: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
    requestId: `req-bg-${i}`,
    subjects: [`p-${i}`, `p-${i + 1}`],
  });
}

beforeAll(async () => {
  pool = await freshRecordsSchema(schema);
  const writer = createRecordWriter({ pool, streamId: 'gw-search', schema });
  await Promise.all(Array.from({ length: 5000 }, (_, i) => writer.append(background(i))));
  for (const r of [inspectorReadsEnterprise, caseworkerReadsTarget, investigatorReadsTarget]) {
    await writer.append(r);
  }
  await writer.close();
  await pool.query(`ANALYZE ${schema}.access_record`);
});
afterAll(() => pool.end());

const requestIds = (page: { records: { requestId: string }[] }) =>
  page.records.map((r) => r.requestId);

describe('searchRecords (auditors)', () => {
  it('finds who read a person, newest first, with one indexed query', async () => {
    const page = await searchRecords(pool, { schema, personId: 'p-target', limit: 10 });
    expect(requestIds(page)).toEqual(['req-investigation', 'req-1']);
    expect(page.next).toBeNull();

    const { rows } = await pool.query(
      `EXPLAIN SELECT * FROM ${schema}.access_record r WHERE subjects @> ARRAY[$1::text]
       ORDER BY r.occurred_at DESC, r.id DESC LIMIT 11`,
      ['p-target'],
    );
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    // One GIN index per monthly partition.
    expect(plan).toMatch(/Bitmap Index Scan on access_record_2025_\d{2}_subjects_idx/);
  });

  it.each([
    ['consumer', { consumerId: 'official-mr-0009' }, ['req-inspector']],
    ['consumer department', { department: 'public-security' }, ['req-investigation']],
    ['department called', { calledDepartment: 'market-regulation' }, ['req-inspector']],
    ['purpose', { purpose: 'market-supervision' }, ['req-inspector']],
    ['field', { coordinate: 'Enterprise.taxCreditRating' }, ['req-inspector']],
    [
      'time range',
      { from: '2025-03-01T00:00:00Z', to: '2025-03-03T00:00:00Z' },
      ['req-inspector', 'req-1'],
    ],
    [
      'several criteria',
      { purpose: 'social-assistance-eligibility', personId: 'p-neighbour' },
      ['req-1'],
    ],
  ])('filters by %s', async (_, criteria, expected) => {
    const page = await searchRecords(pool, { schema, limit: 10, ...criteria });
    expect(requestIds(page)).toEqual(expected);
  });

  it('pages through results with the cursor it returns, without repeats or gaps', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await searchRecords(pool, {
        schema,
        consumerId: 'official-ca-0042',
        limit: 700,
        after,
      });
      seen.push(...requestIds(page));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toHaveLength(5001);
    expect(new Set(seen).size).toBe(5001);
    expect(seen[0]).toBe('req-1');
    expect(seen.slice(1, 3)).toEqual(['req-bg-4999', 'req-bg-4998']);
  });

  it('refuses a limit out of range and a cursor it did not make', async () => {
    await expect(searchRecords(pool, { schema, limit: 0 })).rejects.toThrow(
      'limit must be between 1 and 1000; got 0.',
    );
    await expect(searchRecords(pool, { schema, limit: 5, after: 'bogus' })).rejects.toThrow(
      /is not a cursor a previous page returned/,
    );
  });
});

describe('recordsAbout (the citizen)', () => {
  it('hides a record under delayed disclosure until its date, then shows it', async () => {
    const before = await recordsAbout(pool, 'p-target', {
      schema,
      now: new Date('2025-08-31T23:59:59Z'),
    });
    expect(requestIds(before)).toEqual(['req-1']);
    const after = await recordsAbout(pool, 'p-target', {
      schema,
      now: new Date('2025-09-01T00:00:00Z'),
    });
    expect(requestIds(after)).toEqual(['req-investigation', 'req-1']);
  });

  it('does not show the other persons a record concerned', async () => {
    const { records } = await recordsAbout(pool, 'p-target', {
      schema,
      now: new Date('2025-04-01'),
    });
    expect(records).toEqual([
      {
        id: expect.any(String),
        time: '2025-03-01T02:00:00.000Z',
        requestId: 'req-1',
        consumer: caseworkerReadsTarget.consumer,
        purpose: 'social-assistance-eligibility',
        caseNumber: 'MZ-2025-000123',
        operation: caseworkerReadsTarget.operation,
        // Stored in format 3: each field names the grant that opened it (none here).
        fields: caseworkerReadsTarget.fields.map((f) => ({ ...f, grant: null })),
        departments: ['public-security', 'tax'],
        outcome: 'served',
        durationMs: 42,
      },
    ]);
  });

  it('refuses to run without a person id', async () => {
    await expect(recordsAbout(pool, '', { schema, now: new Date() })).rejects.toThrow(TypeError);
  });
});
