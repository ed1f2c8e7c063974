import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { insertStatement, toRow } from './columns';
import { streamHeads } from './heads';
import type { AccessRecord, StoredRecord } from './record';
import { canonicalRecord, GENESIS_HASH, hashRecord } from './record';

/** Where a stream's chain stands: the seq and hash of its last committed record. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Gives each record an id and its place after `head`, and hashes the chain on. */
export function chainRecords(
  streamId: string,
  head: ChainHead,
  records: readonly AccessRecord[],
): StoredRecord[] {
  let { seq, hash } = head;
  return records.map((record) => {
    const position = { id: randomUUID(), streamId, seq: seq + 1 };
    const prevHash = hash;
    seq = position.seq;
    hash = hashRecord(prevHash, canonicalRecord({ ...record, ...position }));
    return { ...record, ...position, prevHash, hash };
  });
}

/** Where a batch stands, for a writer that gave up on it: was COMMIT already on the wire? */
export interface BatchProgress {
  commitSent: boolean;
  /** Asked just before COMMIT: false rolls the batch back instead (its writer gave up). */
  shouldCommit?: () => boolean;
  /** Set when shouldCommit said no. */
  aborted?: boolean;
}

/**
 * Chains the records after `head` (read from the table when null) and inserts them in one
 * durable transaction that the server refuses to commit after `commitBy` (epoch ms, and no
 * later than as many ms after the server started the transaction as remained then): a COMMIT
 * that arrives late, after the writer answered "withheld", aborts instead. Resolves only after
 * COMMIT; on any error the transaction is rolled back and nothing of the batch is stored.
 */
export async function commitBatch(
  client: pg.PoolClient,
  table: string,
  streamId: string,
  head: ChainHead | null,
  records: readonly AccessRecord[],
  commitBy: number,
  progress: BatchProgress = { commitSent: false },
): Promise<StoredRecord[]> {
  const remaining = Math.max(1, Math.floor(commitBy - Date.now()));
  try {
    // synchronous_commit: the caller releases personal data once this resolves.
    // Numbers only are interpolated; the deadline trigger of migration 004 reads commit_by.
    await client.query(
      `BEGIN; SET LOCAL synchronous_commit TO on; SET LOCAL statement_timeout TO ${remaining};
       SELECT set_config('access_records.commit_by', least(to_timestamp(${Math.floor(commitBy)}::float8 / 1000),
         clock_timestamp() + ${remaining} * interval '1 millisecond')::text, true)`,
    );
    const start = head ?? (await readHead(client, table, streamId));
    const stored = chainRecords(streamId, start, records);
    await client.query(insertStatement(table), [JSON.stringify(stored.map(toRow))]);
    if (progress.shouldCommit && !progress.shouldCommit()) {
      progress.aborted = true;
      throw new Error('the batch was given up before COMMIT');
    }
    progress.commitSent = true;
    await client.query('COMMIT');
    return stored;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function readHead(
  client: pg.PoolClient,
  table: string,
  streamId: string,
): Promise<ChainHead> {
  const [head] = await streamHeads(client, table, streamId);
  return head ? { seq: head.seq, hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
}
