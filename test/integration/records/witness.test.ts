import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import {
  appendCheckpoint,
  createRecordWriter,
  loadCheckpointKey,
  signCheckpoint,
  storeIdentity,
  verifyChains,
  type RecordWriter,
} from '../../../records';
import { runWitness } from '../../../scripts/witness';
import {
  auditCommand,
  caseworkerChecksEligibility,
  commandOn,
  freshRecordsSchema,
  rewriteWithHashesRecomputed,
} from './support';

// The gateway signs checkpoints; a witness with its own key and log cosigns each one that
// extends the last it cosigned. An insider holding the gateway's key rewrites records,
// recomputes every hash and re-signs the checkpoint file: the witness's log still names the
// hashes the records had.
const schema = 'records_witness_test';
const table = `${schema}.access_record`;
const scratch = mkdtempSync(join(tmpdir(), 'witness-'));
const checkpoints = join(scratch, 'checkpoints');
const keyFile = join(scratch, 'gateway-checkpoint.pem');
const witnessDir = join(scratch, 'witness');
const witnessKeyFile = join(scratch, 'witness.pem');
let pool: pg.Pool;
let storeId: string;
let writer: RecordWriter;

beforeAll(async () => {
  pool = await freshRecordsSchema(schema);
  storeId = await storeIdentity(pool, schema);
  writer = createRecordWriter({ pool, streamId: 'gw-w', schema });
});
afterAll(async () => {
  await writer.close();
  await pool.end();
  rmSync(scratch, { recursive: true, force: true });
});

/** The gateway's checkpoint of the stream's head, signed with its key. */
async function checkpointHead(n: number, tag: string): Promise<void> {
  let head = { seq: 0, hash: '' };
  for (let i = 0; i < n; i++) {
    head = await writer.append(caseworkerChecksEligibility({ requestId: `${tag}-${i}` }));
  }
  appendCheckpoint(
    checkpoints,
    signCheckpoint(loadCheckpointKey(keyFile, { create: true }), {
      storeId,
      streamId: 'gw-w',
      ...head,
    }),
  );
}

const witness = () =>
  commandOn(
    runWitness,
    ['--store-id', storeId, '--schema', schema, '--checkpoints', checkpoints, '--key', keyFile],
    { RECORDS_WITNESS_KEY_FILE: witnessKeyFile, RECORDS_WITNESS_DIR: witnessDir },
  )();

const audit = auditCommand(schema, {
  RECORDS_CHECKPOINT_DIR: checkpoints,
  RECORDS_CHECKPOINT_KEY_FILE: keyFile,
});
const witnessed = ['--witness-key', witnessKeyFile, '--witness-dir', witnessDir];

describe('a witness of the signed checkpoints', () => {
  it('cosigns each checkpoint that extends the last one it cosigned', async () => {
    await checkpointHead(5, 'a');
    const first = await witness();
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^cosigned gw-w seq 5 [0-9a-f]{64}\n$/);
    await checkpointHead(5, 'b');
    const second = await witness();
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toMatch(/^cosigned gw-w seq 10 [0-9a-f]{64}\n$/);

    const verified = await audit('verify', '--full', '--store-id', storeId, ...witnessed);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(
      /All chains hold: 1 stream, 10 records; every signed checkpoint matches \(2 in .+\); every witnessed one too \(2\)\.\n$/,
    );
  });

  it('is required once configured: a stream it never cosigned fails verification', async () => {
    appendCheckpoint(
      checkpoints,
      signCheckpoint(loadCheckpointKey(keyFile), {
        storeId,
        streamId: 'gw-unseen',
        seq: 1,
        hash: '0'.repeat(64),
      }),
    );
    const result = await audit('verify', '--stream', 'gw-unseen', '--full', ...witnessed);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "Stream 'gw-unseen' has 1 signed checkpoint and the witness cosigned none: run the witness (npm run witness), or this is not the history it saw.\n",
    );
  });

  it('refuses an audited database that claims another store', async () => {
    const other = randomUUID();
    const result = await audit('verify', '--full', '--store-id', other, ...witnessed);
    expect(result).toMatchObject({ code: 1 });
    expect(result.stderr).toBe(
      `The records database is store ${storeId}, not the store ${other} this audit expects (--store-id, RECORDS_STORE_ID): it was replaced or is another one.\n`,
    );
  });

  it("catches a history rewritten by an insider holding the gateway's key", async () => {
    await rewriteWithHashesRecomputed(pool, table, 'gw-w', 3);
    // The checkpoint file rewritten to match, every line signed with the gateway's own key.
    rmSync(join(checkpoints, storeId), { recursive: true });
    const head = await pool.query<{ hash: string }>(
      `SELECT hash FROM ${table} WHERE stream_id = 'gw-w' AND seq = 10`,
    );
    const key = loadCheckpointKey(keyFile);
    appendCheckpoint(
      checkpoints,
      signCheckpoint(key, { storeId, streamId: 'gw-w', seq: 10, hash: head.rows[0]!.hash }),
    );
    await expect(verifyChains(pool, { schema })).resolves.toMatchObject({ ok: true });
    // Without the witness, the forgery holds: the chain and the re-signed file agree.
    await expect(audit('verify', '--full')).resolves.toMatchObject({ code: 0 });

    const result = await audit('verify', '--full', '--store-id', storeId, ...witnessed);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Witnessed: The record at stream 'gw-w', seq 5 \(checkpoint signed \S+\) was rewritten: its hash is [0-9a-f]{64}, the signed one [0-9a-f]{64}\.\nWitnessed: The record at stream 'gw-w', seq 10 .* was rewritten/,
    );

    // Nor will the witness cosign the forged history's next checkpoint.
    await checkpointHead(2, 'c');
    const refused = await witness();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^Not cosigned: stream 'gw-w', checkpoint at seq 12 \(inconsistent\): the record at seq 10, cosigned as [0-9a-f]{64}, is now [0-9a-f]{64}\.\n$/,
    );
  });
});
