import type pg from 'pg';
import {
  checkpointSigned,
  signText,
  textSigned,
  type Checkpoint,
  type CheckpointKey,
} from './checkpoint';
import { appendLine, readLines } from './checkpoint-log';
import { canonicalJson } from './record';
import { recordsTable } from './sql';
import { verifyChains } from './verify';

/**
 * A witness's cosignature: it saw this checkpoint, signed by the gateway's key, and found it
 * extends the last one it cosigned (the records between them chain from that head to this
 * one). Kept in the witness's own log, signed with a key the gateway and the records
 * database never hold.
 */
export interface Cosignature {
  storeId: string;
  streamId: string;
  checkpoint: Checkpoint;
  cosignedAt: string;
  /** First 16 hex digits of the SHA-256 of the witness's public key. */
  witnessKeyId: string;
  /** Ed25519 over the canonical JSON of the other fields, base64url. */
  signature: string;
}

/** Why the witness would not cosign a stream's newest checkpoint. */
export interface WitnessRefusal {
  streamId: string;
  seq: number;
  reason: 'signature' | 'rollback' | 'fork' | 'inconsistent';
  detail: string;
}

const LOG = 'cosigned';

function cosignedText(c: Omit<Cosignature, 'signature'>): Buffer {
  const { storeId, streamId, checkpoint, cosignedAt, witnessKeyId } = c;
  return Buffer.from(
    canonicalJson({ v: 1, storeId, streamId, checkpoint, cosignedAt, witnessKeyId }),
  );
}

/** True when the witness's key signed this cosignature and nothing in it changed since. */
export function cosignatureSigned(witness: CheckpointKey, c: Cosignature): boolean {
  return (
    c.witnessKeyId === witness.keyId &&
    c.checkpoint.storeId === c.storeId &&
    c.checkpoint.streamId === c.streamId &&
    textSigned(witness, cosignedText(c), c.signature)
  );
}

/** The witness's cosignatures of store `storeId` in its directory `dir`, per stream. */
export function readCosignatures(dir: string, storeId: string): Map<string, Cosignature[]> {
  return readLines<Cosignature>(dir, LOG, storeId);
}

/**
 * One round of the witness: for each stream, the newest checkpoint the gateway signed is
 * cosigned when it extends the last one this witness cosigned (CT witnesses check
 * consistency the same way): signed by the gateway's key for the pinned store, not behind
 * it, not another hash at the same place, and the records between the two chain from the
 * cosigned head to the new one. The witness reads the records; it never writes them.
 */
export async function witnessCheckpoints(options: {
  pool: pg.Pool;
  schema: string;
  /** The store the witness serves, pinned by its operator (never read from the database). */
  storeId: string;
  checkpoints: ReadonlyMap<string, readonly Checkpoint[]>;
  gatewayKey: CheckpointKey;
  witnessKey: CheckpointKey;
  dir: string;
  now?: Date;
}): Promise<{ cosigned: Cosignature[]; refusals: WitnessRefusal[] }> {
  const cosigned: Cosignature[] = [];
  const refusals: WitnessRefusal[] = [];
  const past = readCosignatures(options.dir, options.storeId);
  for (const [streamId, list] of options.checkpoints) {
    const newest = [...list].sort((a, b) => a.seq - b.seq).at(-1);
    if (!newest) continue;
    const last = past.get(streamId)?.at(-1)?.checkpoint;
    const refuse = (reason: WitnessRefusal['reason'], detail: string) =>
      refusals.push({ streamId, seq: newest.seq, reason, detail });
    if (newest.storeId !== options.storeId || !checkpointSigned(options.gatewayKey, newest)) {
      refuse('signature', "it is not signed by the gateway's checkpoint key for this store");
    } else if (last && newest.seq < last.seq) {
      refuse('rollback', `it is behind seq ${last.seq}, cosigned before`);
    } else if (last && newest.seq === last.seq) {
      if (newest.hash !== last.hash) refuse('fork', `seq ${last.seq} was cosigned as ${last.hash}`);
    } else {
      const broken = await inconsistency(options.pool, options.schema, last, newest);
      if (broken) refuse('inconsistent', broken);
      else {
        const unsigned = {
          storeId: options.storeId,
          streamId,
          checkpoint: newest,
          cosignedAt: (options.now ?? new Date()).toISOString(),
          witnessKeyId: options.witnessKey.keyId,
        };
        const cosignature = {
          ...unsigned,
          signature: signText(options.witnessKey, cosignedText(unsigned)),
        };
        appendLine(options.dir, LOG, cosignature);
        cosigned.push(cosignature);
      }
    }
  }
  return { cosigned, refusals };
}

/**
 * Why `next` does not extend `last` in the table, or null: the record `last` names must still
 * carry its hash, and the chain from it must reach `next`'s record with `next`'s hash.
 */
async function inconsistency(
  pool: pg.Pool,
  schema: string,
  last: Checkpoint | undefined,
  next: Checkpoint,
): Promise<string | null> {
  const table = recordsTable(schema);
  const { rows } = await pool.query<{ seq: string; hash: string }>(
    `SELECT seq::text AS seq, hash FROM ${table} WHERE stream_id = $1 AND seq = ANY($2::bigint[])`,
    [next.streamId, [last?.seq ?? 0, next.seq]],
  );
  const stored = new Map(rows.map((r) => [Number(r.seq), r.hash]));
  if (last && stored.get(last.seq) !== last.hash) {
    return `the record at seq ${last.seq}, cosigned as ${last.hash}, is now ${stored.get(last.seq) ?? 'gone'}`;
  }
  if (stored.get(next.seq) !== next.hash) {
    return `the record at seq ${next.seq} is ${stored.get(next.seq) ?? 'missing'}, not the signed ${next.hash}`;
  }
  const report = await verifyChains(pool, {
    schema,
    streamId: next.streamId,
    ...(last && { from: { [next.streamId]: { seq: last.seq, hash: last.hash } } }),
  });
  const firstBreak = report.firstBreak;
  return firstBreak && firstBreak.seq <= next.seq
    ? `the chain breaks at seq ${firstBreak.seq} between the two checkpoints`
    : null;
}

/** One sentence naming a refusal, for the terminal and the logs. */
export function describeRefusal(r: WitnessRefusal): string {
  return `Not cosigned: stream '${r.streamId}', checkpoint at seq ${r.seq} (${r.reason}): ${r.detail}.`;
}
