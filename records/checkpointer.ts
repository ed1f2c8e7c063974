import type pg from 'pg';
import { signCheckpoint, type Checkpoint, type CheckpointKey } from './checkpoint';
import { appendCheckpoint } from './checkpoint-log';
import type { ChainHead } from './commit';
import { withDeadline } from './deadlines';
import { checkpointsTable, DEFAULT_RECORDS_SCHEMA } from './sql';

const COPY_DEADLINE_MS = 2_000;

/** Milliseconds between two checkpoints of a stream that moved (the window a rewrite can hide in). */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 5_000;

export interface Checkpointer {
  /** Signs and stores the head now if it moved since the last checkpoint; returns it. */
  checkpoint(copyDeadlineMs?: number): Promise<Checkpoint | null>;
  /** Stops the timer and takes a last checkpoint (its copy in the table waits at most `copyDeadlineMs`). */
  close(copyDeadlineMs?: number): Promise<void>;
}

/**
 * Every `intervalMs`, signs the stream's head as its writer committed it and appends it to the
 * stream's checkpoint file in `dir` (the anchor), then copies it into the records schema's
 * checkpoint table (a convenience; a failure there is only logged). The head comes from the
 * writer's memory, never from the table, so a table already tampered with is not signed.
 */
export function startCheckpointer(options: {
  head: () => ChainHead | null;
  storeId: string;
  streamId: string;
  key: CheckpointKey;
  dir: string;
  pool?: pg.Pool;
  schema?: string;
  intervalMs?: number;
  onError?: (error: Error) => void;
}): Checkpointer {
  const table = checkpointsTable(options.schema ?? DEFAULT_RECORDS_SCHEMA);
  let last: ChainHead | null = null;
  let running: Promise<Checkpoint | null> = Promise.resolve(null);

  async function take(copyDeadlineMs = COPY_DEADLINE_MS): Promise<Checkpoint | null> {
    const head = options.head();
    if (!head || (last && last.seq === head.seq && last.hash === head.hash)) return null;
    const checkpoint = signCheckpoint(options.key, {
      storeId: options.storeId,
      streamId: options.streamId,
      ...head,
    });
    appendCheckpoint(options.dir, checkpoint);
    last = head;
    if (!options.pool) return checkpoint;
    // Bounded: a store that stopped answering must not hold up the anchor or a shutdown.
    await withDeadline(options.pool, copyDeadlineMs, 'the checkpoint copy', (client) =>
      client.query(
        `INSERT INTO ${table} (stream_id, seq, hash, signed_at, key_id, signature)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [
          checkpoint.streamId,
          checkpoint.seq,
          checkpoint.hash,
          checkpoint.signedAt,
          checkpoint.keyId,
          checkpoint.signature,
        ],
      ),
    ).catch((error: Error) => options.onError?.(error));
    return checkpoint;
  }

  function checkpoint(copyDeadlineMs?: number): Promise<Checkpoint | null> {
    const next = () => take(copyDeadlineMs);
    running = running.then(next, next);
    return running;
  }

  const timer = setInterval(() => {
    checkpoint().catch((error: Error) => options.onError?.(error));
  }, options.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS).unref();
  return {
    checkpoint,
    async close(copyDeadlineMs = COPY_DEADLINE_MS) {
      clearInterval(timer);
      await checkpoint(Math.max(1, copyDeadlineMs)).catch((error: Error) =>
        options.onError?.(error),
      );
    },
  };
}
