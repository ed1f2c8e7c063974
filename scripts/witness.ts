import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import {
  DEFAULT_RECORDS_CHECKPOINT_DIR,
  DEFAULT_RECORDS_CHECKPOINT_KEY_FILE,
} from '../gateway/config';
import {
  DEFAULT_RECORDS_SCHEMA,
  describeRefusal,
  loadCheckpointKey,
  readCheckpoints,
  witnessCheckpoints,
} from '../records';
import { onToolStore } from './stack/store';
import { runAsMain } from './stack/main';

const USAGE = `Usage: npm run witness -- --store-id <uuid> --witness-key <pem> --witness-dir <dir>
                           [--checkpoints <dir>] [--key <pem>] [--schema <name>]

Cosigns each stream's newest signed checkpoint when it extends the last one this witness
cosigned (the records between them chain from one to the other); run it on another host, as
another operator, with its own key. Exit 1 when a checkpoint is refused.

  --store-id     the store witnessed (RECORDS_STORE_ID), pinned: never read from the database
  --witness-key  the witness's Ed25519 private key (RECORDS_WITNESS_KEY_FILE), made when missing
  --witness-dir  where the witness appends its cosignatures (RECORDS_WITNESS_DIR)
  --checkpoints  the gateway's checkpoints (default RECORDS_CHECKPOINT_DIR)
  --key          the gateway's checkpoint key, its public half is enough (RECORDS_CHECKPOINT_KEY_FILE)

Database: DATABASE_URL (a role that can read the records is enough), else the running npm start's.`;

/** Runs one witness round (argv without node and script) and returns its exit code. */
export async function runWitness(
  argv: readonly string[],
  io: { stdout: Writable; stderr: Writable; env?: NodeJS.ProcessEnv },
): Promise<number> {
  const env = io.env ?? process.env;
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      'store-id': { type: 'string', default: env.RECORDS_STORE_ID },
      'witness-key': { type: 'string', default: env.RECORDS_WITNESS_KEY_FILE },
      'witness-dir': { type: 'string', default: env.RECORDS_WITNESS_DIR },
      checkpoints: { type: 'string', default: env.RECORDS_CHECKPOINT_DIR },
      key: { type: 'string', default: env.RECORDS_CHECKPOINT_KEY_FILE },
      schema: { type: 'string', default: DEFAULT_RECORDS_SCHEMA },
    },
  });
  const storeId = values['store-id'];
  const witnessKeyFile = values['witness-key'];
  const dir = values['witness-dir'];
  if (!storeId || !witnessKeyFile || !dir) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  return onToolStore(env, io.stderr, async (pool) => {
    const { cosigned, refusals } = await witnessCheckpoints({
      pool,
      schema: values.schema ?? DEFAULT_RECORDS_SCHEMA,
      storeId,
      checkpoints: readCheckpoints(values.checkpoints ?? DEFAULT_RECORDS_CHECKPOINT_DIR, storeId),
      gatewayKey: loadCheckpointKey(values.key ?? DEFAULT_RECORDS_CHECKPOINT_KEY_FILE),
      witnessKey: loadCheckpointKey(witnessKeyFile, { create: true }),
      dir,
    });
    for (const c of cosigned) {
      io.stdout.write(`cosigned ${c.streamId} seq ${c.checkpoint.seq} ${c.checkpoint.hash}\n`);
    }
    for (const r of refusals) io.stderr.write(`${describeRefusal(r)}\n`);
    return refusals.length > 0 ? 1 : 0;
  });
}

if (require.main === module) runAsMain(runWitness);
