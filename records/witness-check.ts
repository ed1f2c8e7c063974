import type pg from 'pg';
import type { ArchiveRun } from './archive-manifest';
import { checkAnchors, describeAnchorBreak, type VerifiedHeads } from './anchors';
import type { Checkpoint, CheckpointKey } from './checkpoint';
import { cosignatureSigned, readCosignatures } from './witness';

/** What the auditor learnt from the witness's log. */
export interface WitnessCheck {
  /** Cosignatures not signed by the witness, and the table disagreeing with a witnessed head. */
  problems: string[];
  /** Checkpoints after the last cosigned one: trusted on the gateway's key alone for now. */
  notes: string[];
  cosigned: number;
}

/**
 * Checks the table against the checkpoints a witness cosigned (a stream with checkpoints and
 * no cosignature is a problem: the witness is required once configured), read from the witness's own
 * log and checked with its public key (pinned by the auditor). An insider holding the
 * gateway's key can re-sign a checkpoint file to match a rewritten table; the witness's
 * cosignatures of the earlier heads still name the hashes the table had.
 */
export async function checkWitnessed(
  pool: pg.Pool,
  table: string,
  options: {
    dir: string;
    storeId: string;
    witnessKey: CheckpointKey;
    gatewayKey: CheckpointKey;
    /** The gateway's checkpoints, to name those not witnessed yet. */
    checkpoints: ReadonlyMap<string, readonly Checkpoint[]>;
    streamId?: string;
    since?: VerifiedHeads;
    archived?: readonly ArchiveRun[];
  },
): Promise<WitnessCheck> {
  const problems: string[] = [];
  const witnessed = new Map<string, Checkpoint[]>();
  for (const [streamId, list] of readCosignatures(options.dir, options.storeId)) {
    if (options.streamId !== undefined && streamId !== options.streamId) continue;
    for (const c of list) {
      if (cosignatureSigned(options.witnessKey, c)) {
        witnessed.set(streamId, [...(witnessed.get(streamId) ?? []), c.checkpoint]);
      } else {
        problems.push(
          `Cosignature at stream '${streamId}', seq ${c.checkpoint.seq} is not validly signed by the witness key: the witness log was altered.`,
        );
      }
    }
  }
  const anchored = await checkAnchors(
    pool,
    table,
    witnessed,
    options.gatewayKey,
    options.since,
    options.archived,
  );
  problems.push(...anchored.breaks.map((b) => `Witnessed: ${describeAnchorBreak(b)}`));
  const notes: string[] = [];
  for (const [streamId, list] of options.checkpoints) {
    if (list.length > 0 && !witnessed.has(streamId)) {
      problems.push(
        `Stream '${streamId}' has ${list.length} signed checkpoint${list.length === 1 ? '' : 's'} and the witness cosigned none: run the witness (npm run witness), or this is not the history it saw.`,
      );
      continue;
    }
    const last = Math.max(0, ...(witnessed.get(streamId) ?? []).map((c) => c.seq));
    const waiting = list.filter((c) => c.seq > last).length;
    if (waiting > 0) {
      notes.push(
        `${waiting} checkpoint${waiting === 1 ? '' : 's'} of stream '${streamId}' after seq ${last} not yet cosigned by the witness: they rest on the gateway's key alone.`,
      );
    }
  }
  const cosigned = [...witnessed.values()].reduce((n, list) => n + list.length, 0);
  return { problems, notes, cosigned };
}
