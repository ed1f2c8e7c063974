import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type pg from 'pg';
import {
  createRecordWriter,
  loadCheckpointKey,
  sha256File,
  type ArchiveManifest,
} from '../../../records';
import { auditCommand, caseworkerChecksEligibility, freshRecordsSchema } from './support';

const schema = 'records_archive_test';
const scratch = mkdtempSync(join(tmpdir(), 'archive-'));
const archiveDir = join(scratch, 'archive');
const keyFile = join(scratch, 'keys', 'records-checkpoint.pem');
const file = join(archiveDir, 'access-records-2025-01.jsonl.gz');
let pool: pg.Pool;

beforeAll(async () => {
  pool = await freshRecordsSchema(schema);
  loadCheckpointKey(keyFile, { create: true });
  // Two streams across January, February and March 2025, interleaved.
  const writers = ['gw-a', 'gw-b'].map((streamId) =>
    createRecordWriter({ pool, streamId, schema }),
  );
  for (const month of ['01', '02', '03'])
    for (let i = 0; i < 3; i++)
      for (const [n, writer] of writers.entries())
        await writer.append(
          caseworkerChecksEligibility({
            time: `2025-${month}-1${i}T08:00:00.000Z`,
            requestId: `req-${n}-${month}-${i}`,
          }),
        );
});
afterAll(() => pool.end());

const audit = auditCommand(schema, {
  RECORDS_CHECKPOINT_DIR: join(scratch, 'checkpoints'),
  RECORDS_CHECKPOINT_KEY_FILE: keyFile,
  RECORDS_ARCHIVE_DIR: archiveDir,
});

async function rows(): Promise<{ stream_id: string; seq: number; hash: string }[]> {
  const result = await pool.query(
    `SELECT stream_id, seq::int AS seq, hash, request_id FROM ${schema}.access_record
     ORDER BY stream_id, seq`,
  );
  return result.rows;
}

async function partitions(): Promise<string[]> {
  const { rows: found } = await pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = '${schema}.access_record'::regclass AND c.relname LIKE '%2025%'
     ORDER BY 1`,
  );
  return found.map((r) => r.name);
}

describe('monthly partitions, archived to signed files and restored', () => {
  let before: Awaited<ReturnType<typeof rows>>;

  it('writes each month to its own partition, created by the writer', async () => {
    before = await rows();
    expect(before).toHaveLength(18);
    expect(await partitions()).toEqual([
      'access_record_2025_01',
      'access_record_2025_02',
      'access_record_2025_03',
      'access_record_2025_04',
    ]);
  });

  it('archives the oldest month: a gzip file, a signed manifest, the partition detached', async () => {
    const archived = await audit('archive', '--before', '2025-02');
    expect(archived).toMatchObject({ code: 0 });
    expect(archived.stdout).toMatch(/archived 2025-01: 6 records to .*, signed\)/);
    expect(await partitions()).not.toContain('access_record_2025_01');
    expect(await rows()).toHaveLength(12);

    const manifest = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8')) as ArchiveManifest;
    expect(manifest).toMatchObject({
      month: '2025-01',
      records: 6,
      sha256: await sha256File(file),
    });
    expect(manifest.runs.map((r) => [r.streamId, r.firstSeq, r.lastSeq])).toEqual([
      ['gw-a', 1, 3],
      ['gw-b', 1, 3],
    ]);
    const lastOfJanuary = before.find((r) => r.stream_id === 'gw-a' && r.seq === 3)!;
    expect(manifest.runs[0]!.lastHash).toBe(lastOfJanuary.hash);
    const lines = gunzipSync(readFileSync(file)).toString().trim().split('\n');
    expect(lines).toHaveLength(6);
  });

  it('verify proves each chain across the archived month from its manifest', async () => {
    const verified = await audit('verify', '--full');
    expect(verified.stdout).toContain('ok     gw-a: 9 records (3 archived)');
    expect(verified.stdout).toContain('All chains hold: 2 streams, 18 records');
    expect(verified.code).toBe(0);
  });

  it('verify catches a tampered archive file', async () => {
    const original = readFileSync(file);
    const text = gunzipSync(original).toString().replace('req-0-01-1', 'req-0-01-X');
    writeFileSync(file, gzipSync(text));
    try {
      const verified = await audit('verify', '--full');
      expect(verified.code).toBe(1);
      expect(verified.stderr).toMatch(/Archived month 2025-01: .* was changed: its SHA-256 is/);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('verify catches a manifest changed in the database behind its trigger', async () => {
    const edit = (n: number) =>
      pool.query(
        `ALTER TABLE ${schema}.archived_month DISABLE TRIGGER USER;
         UPDATE ${schema}.archived_month SET manifest = jsonb_set(manifest, '{records}', '${n}');
         ALTER TABLE ${schema}.archived_month ENABLE TRIGGER USER;`,
      );
    await edit(5);
    try {
      const verified = await audit('verify', '--full');
      expect(verified.code).toBe(1);
      expect(verified.stderr).toContain(
        'Archived month 2025-01: its manifest is not validly signed by the checkpoint key.',
      );
    } finally {
      await edit(6);
    }
  });

  it('restore re-attaches the detached partition: the same rows and hashes', async () => {
    const restored = await audit('restore', file);
    expect(restored).toMatchObject({
      code: 0,
      stdout: 'restored 2025-01: 6 records (attached).\n',
    });
    expect(await rows()).toEqual(before);
    expect((await audit('verify', '--full')).stdout).toContain(
      'ok     gw-a: 9 records, head seq 9',
    );
  });

  it('restore re-imports the file when the detached table was dropped', async () => {
    expect((await audit('archive', '--before', '2025-02')).code).toBe(0);
    await pool.query(`DROP TABLE ${schema}.access_record_2025_01`);
    const restored = await audit('restore', file);
    expect(restored).toMatchObject({
      code: 0,
      stdout: 'restored 2025-01: 6 records (imported).\n',
    });
    expect(await rows()).toEqual(before);
    expect((await audit('verify', '--full')).code).toBe(0);
  });
});
