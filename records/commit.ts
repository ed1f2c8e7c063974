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
    const begin = `BEGIN; SET LOCAL synchronous_commit TO on; SET LOCAL statement_timeout TO ${remaining}`;
    let stored: StoredRecord[];
    if (head) {
      stored = chainRecords(streamId, head, records);
      await client.query(`${begin}; ${setDeadline(stored[0]!.id, commitBy, remaining)}`);
    } else {
      await client.query(begin);
      stored = chainRecords(streamId, await readHead(client, table, streamId), records);
      await client.query(setDeadline(stored[0]!.id, commitBy, remaining));
    }
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

/**
 * Arms the deadline trigger of migration 004: at COMMIT, the row `checkId` (the batch's first,
 * an id of our own making) is checked against `commitBy` and the server's clock. Only a UUID
 * and numbers are interpolated.
 */
function setDeadline(checkId: string, commitBy: number, remaining: number): string {
  if (!/^[0-9a-f-]{36}$/.test(checkId)) throw new TypeError(`not a record id: ${checkId}`);
  return `SELECT set_config('access_records.commit_check', '${checkId}', true),
    set_config('access_records.commit_by', least(to_timestamp(${Math.floor(commitBy)}::float8 / 1000),
      clock_timestamp() + ${Math.floor(remaining)} * interval '1 millisecond')::text, true)`;
}

async function readHead(
  client: pg.PoolClient,
  table: string,
  streamId: string,
): Promise<ChainHead> {
  const [head] = await streamHeads(client, table, streamId);
  if (head) return { seq: head.seq, hash: head.hash };
  // Every record of the stream may be archived: the chain goes on from the last archived one.
  return (await archivedHead(client, table, streamId)) ?? { seq: 0, hash: GENESIS_HASH };
}

/** The newest record of a stream in the archived months' manifests, if any. */
async function archivedHead(
  client: pg.PoolClient,
  table: string,
  streamId: string,
): Promise<ChainHead | null> {
  const archived = table.replace(/\.access_record$/, '.archived_month');
  const { rows } = await client.query<{ seq: string; hash: string }>(
    `SELECT r->>'lastSeq' AS seq, r->>'lastHash' AS hash
       FROM ${archived} m CROSS JOIN LATERAL jsonb_array_elements(m.manifest->'runs') r
      WHERE r->>'streamId' = $1
      ORDER BY (r->>'lastSeq')::bigint DESC LIMIT 1`,
    [streamId],
  );
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
}
