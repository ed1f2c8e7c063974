import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { createRecordWriter, loadCheckpointKey } from '../../../records';
import { auditCommand, caseworkerChecksEligibility, freshRecordsSchema } from './support';

// A stream whose every record is archived goes on from the last archived record, not from a
// new genesis: its chain stays one chain across the archive.
const schema = 'records_archive_head_test';
const scratch = mkdtempSync(join(tmpdir(), 'archive-head-'));
let pool: pg.Pool;

beforeAll(async () => {
  pool = await freshRecordsSchema(schema);
  loadCheckpointKey(join(scratch, 'key.pem'), { create: true });
});
afterAll(() => pool.end());

const audit = auditCommand(schema, {
  RECORDS_CHECKPOINT_DIR: join(scratch, 'checkpoints'),
  RECORDS_CHECKPOINT_KEY_FILE: join(scratch, 'key.pem'),
  RECORDS_ARCHIVE_DIR: join(scratch, 'archive'),
});

it('continues a fully archived stream at the next seq, and the chain verifies', async () => {
  const january = createRecordWriter({ pool, streamId: 'gw-z', schema });
  for (let i = 0; i < 3; i++)
    await january.append(
      caseworkerChecksEligibility({ time: `2025-01-1${i}T08:00:00.000Z`, requestId: `z-${i}` }),
    );
  await january.close();
  expect((await audit('archive', '--before', '2025-02')).code).toBe(0);
  const live = await pool.query(`SELECT count(*)::int AS n FROM ${schema}.access_record`);
  expect(live.rows[0].n).toBe(0);

  const later = createRecordWriter({ pool, streamId: 'gw-z', schema });
  const next = await later.append(
    caseworkerChecksEligibility({ time: '2025-03-01T08:00:00.000Z', requestId: 'z-3' }),
  );
  await later.close();
  expect(next.seq).toBe(4);
  expect((await audit('verify', '--full')).code).toBe(0);
});
