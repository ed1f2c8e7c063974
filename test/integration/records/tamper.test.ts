import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type pg from 'pg';
import type { AppendResult } from '../../../records';
import { createRecordWriter, verifyChains } from '../../../records';
import { run } from '../../../scripts/audit';
import { testDatabaseUrl } from '../../support/database';
import { caseworkerChecksEligibility, freshRecordsSchema } from './support';

const schema = 'records_tamper_test';
const checkpointDir = mkdtempSync(join(tmpdir(), 'tamper-checkpoints-'));
const table = `${schema}.access_record`;
let pool: pg.Pool;
let untouched: AppendResult[];
let tampered: AppendResult[];

beforeAll(async () => {
  pool = await freshRecordsSchema(schema);
  const a = createRecordWriter({ pool, streamId: 'gw-a', schema });
  const b = createRecordWriter({ pool, streamId: 'gw-b', schema });
  [untouched, tampered] = await Promise.all(
    [a, b].map((w) =>
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          w.append(caseworkerChecksEligibility({ requestId: `req-${i}` })),
        ),
      ),
    ),
  );
  await Promise.all([a.close(), b.close()]);
});
afterAll(() => pool.end());

async function audit(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const [stdout, stderr] = [new PassThrough(), new PassThrough()];
  const text = (s: PassThrough) => {
    let t = '';
    s.on('data', (c) => (t += c));
    return () => t;
  };
  const [out, err] = [text(stdout), text(stderr)];
  const env = { DATABASE_URL: testDatabaseUrl(), RECORDS_CHECKPOINT_DIR: checkpointDir };
  const code = await run(argv, { stdout, stderr, env });
  return { code, stdout: out(), stderr: err() };
}

describe('records cannot be changed through SQL', () => {
  it.each([
    ['UPDATE', `UPDATE ${table} SET purpose = 'tax-audit' WHERE seq = 3`],
    ['DELETE', `DELETE FROM ${table} WHERE seq = 3`],
    ['TRUNCATE', `TRUNCATE ${table}`],
  ])('refuses %s, even for a superuser', async (op, sql) => {
    await expect(pool.query(sql)).rejects.toMatchObject({
      code: '42501',
      message: `access records are append-only: ${op} on ${schema}.access_record is refused`,
    });
  });
});

describe('verify finds tampering', () => {
  it('reports intact chains, and the audit command agrees', async () => {
    await expect(verifyChains(pool, { schema })).resolves.toEqual({
      ok: true,
      streams: [
        { streamId: 'gw-a', records: 20, head: { seq: 20, hash: untouched[19]!.hash } },
        { streamId: 'gw-b', records: 20, head: { seq: 20, hash: tampered[19]!.hash } },
      ],
    });
    const result = await audit('verify', '--schema', schema);
    expect(result).toEqual({
      code: 0,
      stdout:
        `ok     gw-a: 20 records, head seq 20 ${untouched[19]!.hash}\n` +
        `ok     gw-b: 20 records, head seq 20 ${tampered[19]!.hash}\n` +
        'All chains hold: 2 streams, 40 records.\n',
      stderr: expect.stringMatching(
        /^No signed checkpoints for store [0-9a-f-]{36} in .+: removing a stream's last records, or rewriting records with every later hash recomputed, would not show\.\n$/,
      ),
    });
  });

  it('names the stream, seq and record whose purpose was edited behind the triggers', async () => {
    const victim = tampered[6]!;
    await pool.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    try {
      await pool.query(`UPDATE ${table} SET purpose = 'tax-audit' WHERE id = $1`, [victim.id]);
    } finally {
      await pool.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    }

    const report = await verifyChains(pool, { schema });
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toEqual({
      streamId: 'gw-b',
      seq: 7,
      recordId: victim.id,
      reason: 'content',
      expected: expect.stringMatching(/^[0-9a-f]{64}$/),
      found: victim.hash,
    });
    expect(report.firstBreak!.expected).not.toBe(victim.hash);
    expect(report.streams.map((s) => [s.streamId, s.records, !!s.firstBreak])).toEqual([
      ['gw-a', 20, false],
      ['gw-b', 20, true],
    ]);

    const result = await audit('verify', '--schema', schema);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('BROKEN gw-b: 20 records');
    expect(result.stderr).toBe(
      `Chain broken at stream 'gw-b', seq 7, record ${victim.id}: its content was changed ` +
        `after it was committed (expected ${report.firstBreak!.expected}, found ${victim.hash}).\n`,
    );
  });

  it('reports a removed record as a gap at the record after it', async () => {
    await pool.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    try {
      await pool.query(`DELETE FROM ${table} WHERE stream_id = 'gw-a' AND seq = 12`);
    } finally {
      await pool.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    }
    const report = await verifyChains(pool, { schema, streamId: 'gw-a' });
    expect(report.firstBreak).toEqual({
      streamId: 'gw-a',
      seq: 13,
      recordId: untouched[12]!.id,
      reason: 'sequence',
      expected: untouched[10]!.hash,
      found: untouched[11]!.hash,
    });
  });

  it('reports a relinked record as a broken link', async () => {
    await pool.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    try {
      await pool.query(`UPDATE ${table} SET prev_hash = $1 WHERE stream_id = 'gw-a' AND seq = 5`, [
        '0'.repeat(64),
      ]);
    } finally {
      await pool.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    }
    const report = await verifyChains(pool, { schema, streamId: 'gw-a' });
    expect(report.firstBreak).toMatchObject({
      seq: 5,
      reason: 'link',
      expected: untouched[3]!.hash,
      found: '0'.repeat(64),
    });
  });

  it('walks a stream page by page without losing its place', async () => {
    const report = await verifyChains(pool, { schema, streamId: 'gw-b', pageSize: 3 });
    expect(report.streams).toEqual([
      expect.objectContaining({
        streamId: 'gw-b',
        records: 20,
        head: { seq: 20, hash: tampered[19]!.hash },
      }),
    ]);
    expect(report.firstBreak).toMatchObject({ seq: 7, reason: 'content' });
  });
});

describe('npm run audit', () => {
  it('explains a wrong command line with exit code 2', async () => {
    const result = await audit('export', '--from', 'yesterday');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^export needs --from as an ISO 8601 time/);
  });

  it('says where the records are missing when the schema has none', async () => {
    const result = await audit('verify', '--schema', 'no_such_schema');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "No access records here: schema 'no_such_schema' has no access_record table. " +
        'The gateway creates it on start (migrateRecords): start it once (npm start), or check ' +
        `DATABASE_URL (${testDatabaseUrl()}) and --schema.\n`,
    });
  });
});
