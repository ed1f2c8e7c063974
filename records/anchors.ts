import type pg from 'pg';
import type { ArchiveRun } from './archive-manifest';
import { checkpointSigned, type Checkpoint, type CheckpointKey } from './checkpoint';
import { streamHeads } from './heads';

/**
 * Where the table disagrees with a signed checkpoint:
 * - 'signature': the checkpoint itself was not signed by the key (or was changed);
 * - 'truncated': the checkpoint names a record past the stream's last one (records were cut);
 * - 'missing': the record the checkpoint names is gone from the middle of the stream;
 * - 'rewritten': the record is there but its hash is not the signed one (rewritten, hashes recomputed).
 */
export interface AnchorBreak {
  streamId: string;
  seq: number;
  reason: 'signature' | 'truncated' | 'missing' | 'rewritten';
  signedAt: string;
  expected: string;
  found: string | null;
}

/** The last checkpoint verified per stream: where an incremental verification starts. */
export type VerifiedHeads = Record<string, { seq: number; hash: string; signedAt: string }>;

/**
 * Checks the table against signed checkpoints: each checkpoint's signature, and that the
 * record it names is there with the signed hash. With `since`, only checkpoints at or after
 * each stream's last verified one are checked (the chain walk covers what lies between).
 * Returns the breaks and the newest checkpoint that held per stream.
 */
export async function checkAnchors(
  db: pg.Pool,
  table: string,
  checkpoints: ReadonlyMap<string, readonly Checkpoint[]>,
  key: CheckpointKey,
  since: VerifiedHeads = {},
  /** Runs of archived months: their checkpoints are checked against the archive files instead. */
  archived: readonly ArchiveRun[] = [],
): Promise<{ breaks: AnchorBreak[]; held: VerifiedHeads }> {
  const isArchived = (streamId: string, seq: number) =>
    archived.some((r) => r.streamId === streamId && seq >= r.firstSeq && seq <= r.lastSeq);
  const breaks: AnchorBreak[] = [];
  const held: VerifiedHeads = { ...since };
  for (const [streamId, all] of checkpoints) {
    const from = since[streamId]?.seq ?? 0;
    const list = [...all]
      .filter((c) => c.seq >= from && !isArchived(streamId, c.seq))
      .sort((a, b) => a.seq - b.seq);
    if (list.length === 0) continue;
    const [head] = await streamHeads(db, table, streamId);
    const { rows } = await db.query<{ seq: string; hash: string }>(
      `SELECT seq::text AS seq, hash FROM ${table} WHERE stream_id = $1 AND seq = ANY($2::bigint[])`,
      [streamId, list.map((c) => c.seq)],
    );
    const stored = new Map(rows.map((r) => [Number(r.seq), r.hash]));
    for (const c of list) {
      const at = { streamId, seq: c.seq, signedAt: c.signedAt, expected: c.hash };
      const found = stored.get(c.seq) ?? null;
      if (!checkpointSigned(key, c))
        breaks.push({ ...at, reason: 'signature', found: c.signature });
      else if (found === null)
        breaks.push({ ...at, reason: c.seq > (head?.seq ?? 0) ? 'truncated' : 'missing', found });
      else if (found !== c.hash) breaks.push({ ...at, reason: 'rewritten', found });
      else if (!breaks.some((b) => b.streamId === streamId))
        held[streamId] = { seq: c.seq, hash: c.hash, signedAt: c.signedAt };
    }
  }
  return { breaks, held };
}

/** One sentence naming the break, for the terminal and the logs. */
export function describeAnchorBreak(b: AnchorBreak): string {
  const where = `stream '${b.streamId}', seq ${b.seq} (checkpoint signed ${b.signedAt})`;
  switch (b.reason) {
    case 'signature':
      return `Checkpoint at ${where} is not validly signed by the checkpoint key: the checkpoint file was altered.`;
    case 'truncated':
      return `Records were removed from the end of stream '${b.streamId}': a checkpoint signed ${b.signedAt} names seq ${b.seq}, past the stream's last record.`;
    case 'missing':
      return `The record at ${where} is missing from the table.`;
    case 'rewritten':
      return `The record at ${where} was rewritten: its hash is ${b.found}, the signed one ${b.expected}.`;
    default: {
      const never: never = b.reason;
      return never;
    }
  }
}
