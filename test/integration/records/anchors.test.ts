import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import {
  appendCheckpoint,
  createRecordWriter,
  loadCheckpointKey,
  startCheckpointer,
  storeIdentity,
  verifyChains,
  type Checkpointer,
  type RecordWriter,
} from '../../../records';
import {
  auditCommand,
  caseworkerChecksEligibility,
  freshRecordsSchema,
  rewriteWithHashesRecomputed,
} from './support';

const schema = 'records_anchors_test';
const table = `${schema}.access_record`;
const scratch = mkdtempSync(join(tmpdir(), 'anchors-'));
const dir = join(scratch, 'checkpoints');
const keyFile = join(scratch, 'keys', 'records-checkpoint.pem');
let pool: pg.Pool;

beforeAll(async () => {
  pool = await freshRecordsSchema(schema);
});
afterAll(() => pool.end());

/** A writer on its own stream, and its checkpointer (checkpoints taken on demand). */
async function stream(streamId: string): Promise<{ writer: RecordWriter; anchor: Checkpointer }> {
  const writer = createRecordWriter({ pool, streamId, schema });
  const anchor = startCheckpointer({
    head: writer.head,
    storeId: await storeIdentity(pool, schema),
    streamId,
    key: loadCheckpointKey(keyFile, { create: true }),
    dir,
    pool,
    schema,
    intervalMs: 3_600_000,
  });
  return { writer, anchor };
}

async function appendSome(writer: RecordWriter, n: number, tag: string): Promise<void> {
  for (let i = 0; i < n; i++)
    await writer.append(caseworkerChecksEligibility({ requestId: `${tag}-${i}` }));
}

const audit = auditCommand(schema, {
  RECORDS_CHECKPOINT_DIR: dir,
  RECORDS_CHECKPOINT_KEY_FILE: keyFile,
});

/** As a superuser of the records database, triggers off: what an insider could do. */
async function behindTheTriggers(sql: (db: pg.Pool) => Promise<void>): Promise<void> {
  await pool.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  try {
    await sql(pool);
  } finally {
    await pool.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  }
}

describe('signed checkpoints anchor each chain outside the table', () => {
  it('verifies incrementally: the second run walks only the records after the last verified checkpoint', async () => {
    const { writer, anchor } = await stream('gw-steady');
    await appendSome(writer, 10, 'first');
    await anchor.checkpoint();
    const first = await audit('verify', '--stream', 'gw-steady');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('ok     gw-steady: 10 records, head seq 10');
    await appendSome(writer, 5, 'second');
    await anchor.close();
    const second = await audit('verify', '--stream', 'gw-steady');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('ok     gw-steady: 5 records after seq 10, head seq 15');
    const full = await audit('verify', '--stream', 'gw-steady', '--full');
    expect(full.stdout).toContain('ok     gw-steady: 15 records, head seq 15');
  });

  it('catches the last records of a stream deleted, which the chain alone cannot show', async () => {
    const { writer, anchor } = await stream('gw-cut');
    await appendSome(writer, 10, 'cut');
    await anchor.close();
    await behindTheTriggers((db) =>
      db.query(`DELETE FROM ${table} WHERE stream_id = 'gw-cut' AND seq > 5`).then(() => undefined),
    );

    await expect(verifyChains(pool, { schema, streamId: 'gw-cut' })).resolves.toMatchObject({
      ok: true,
    });
    const result = await audit('verify', '--stream', 'gw-cut', '--full');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Records were removed from the end of stream 'gw-cut': a checkpoint signed \S+ names seq 10, past the stream's last record\.\n$/,
    );
  });

  it('catches a record rewritten with every later hash recomputed', async () => {
    const { writer, anchor } = await stream('gw-rewritten');
    await appendSome(writer, 10, 'rw');
    await anchor.close();
    await rewriteWithHashesRecomputed(pool, table, 'gw-rewritten', 3);

    await expect(verifyChains(pool, { schema, streamId: 'gw-rewritten' })).resolves.toMatchObject({
      ok: true,
    });
    const result = await audit('verify', '--stream', 'gw-rewritten', '--full');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^The record at stream 'gw-rewritten', seq 10 \(checkpoint signed \S+\) was rewritten: its hash is [0-9a-f]{64}, the signed one [0-9a-f]{64}\.\n$/,
    );
  });

  it('refuses a checkpoint file edited to match the tampered table', async () => {
    const { writer, anchor } = await stream('gw-forged');
    await appendSome(writer, 3, 'forged');
    await anchor.close();
    appendCheckpoint(dir, {
      storeId: await storeIdentity(pool, schema),
      streamId: 'gw-forged',
      seq: 3,
      hash: 'f'.repeat(64),
      signedAt: new Date().toISOString(),
      keyId: loadCheckpointKey(keyFile).keyId,
      signature: 'AAAA',
    });
    const result = await audit('verify', '--stream', 'gw-forged', '--full');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/seq 3 .* is not validly signed by the checkpoint key/);
  });
});
