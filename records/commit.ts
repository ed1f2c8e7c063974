import { randomUUID } from 'node:crypto';
import pg from 'pg';
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
    // canonicalRecord covers the content and position only, not the hashes.
    const stored: StoredRecord = {
      ...record,
      id: randomUUID(),
      streamId,
      seq: seq + 1,
      prevHash: hash,
      hash: '',
    };
    seq = stored.seq;
    hash = stored.hash = hashRecord(stored.prevHash, canonicalRecord(stored));
    return stored;
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
 * What a batch commits: records the writer already chained after `after` (it needs their head
 * before they commit, to chain the next batch on it), or records to chain after the head the
 * transaction reads from the table (at start, and after a failure).
 */
export type BatchChain =
  | { after: ChainHead; stored: StoredRecord[] }
  | { after?: undefined; records: readonly AccessRecord[] };

/**
 * Inserts the batch in one durable transaction that the server refuses to commit after
 * `commitBy` (epoch ms, and no later than as many ms after the server started the transaction
 * as remained then): a COMMIT that arrives late, after the writer answered "withheld", aborts
 * instead. The transaction names the record it continues, and the server refuses it unless that
 * record is stored and continued by no other (migration 009): a batch sent while the one before
 * it commits fails with it. A chained batch is one round trip (one call of a prepared statement,
 * its own transaction; before migration 010, BEGIN to COMMIT in one message with the rows as a
 * literal); one that reads the head takes four. Resolves only after COMMIT; on any error the
 * transaction is rolled back and nothing of the batch is stored.
 */
export async function commitBatch(
  client: pg.PoolClient,
  table: string,
  streamId: string,
  batch: BatchChain,
  commitBy: number,
  progress: BatchProgress = { commitSent: false },
): Promise<StoredRecord[]> {
  const remaining = Math.max(1, Math.floor(commitBy - Date.now()));
  // A batch chained by the writer is one prepared call, its own transaction (migration 010):
  // synchronous_commit on, the deadline and chain checks at its COMMIT. The caller releases
  // personal data once this resolves.
  if (batch.after) {
    const { after, stored } = batch;
    const first = stored[0]!;
    const last = stored[stored.length - 1]!;
    progress.commitSent = true;
    await client.query({
      name: `append-records ${table}`,
      text: `SELECT ${appendFunction(table)}($1::json, $2, $3, $4, $5, $6, $7, $8)`,
      values: [
        JSON.stringify(stored.map(toRow)),
        first.id,
        `${Math.floor(after.seq)}:${after.hash}`,
        Math.floor(commitBy),
        remaining,
        last.streamId,
        last.seq,
        last.hash,
      ],
    });
    return stored;
  }
  const begin = `BEGIN; SET LOCAL synchronous_commit TO on; SET LOCAL statement_timeout TO ${remaining}`;
  try {
    await client.query(begin);
    const after = await readHead(client, table, streamId);
    const stored = chainRecords(streamId, after, batch.records);
    await client.query(setDeadline(client, stored, after, commitBy, remaining));
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

/** The batch function of migration 010 in the records table's schema. */
function appendFunction(table: string): string {
  return table.replace(/\.access_record$/, '.append_records');
}

/** The chain moved under a batch (the one before it failed): chain it again from the table. */
export function chainMoved(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.code === SERIALIZATION_FAILURE;
}

const SERIALIZATION_FAILURE = '40001';

/**
 * Arms the deadline trigger of migration 005 and the chain-order trigger of migration 009: at
 * COMMIT, the batch's first row (an id of our own making) is checked against `commitBy` and the
 * server's clock, and against the record `after` it continues; the lock of the batch's last
 * record is held from here, so the batch chained on it waits for this one to end. Only a UUID,
 * a hash, numbers and the escaped stream id are interpolated.
 */
function setDeadline(
  client: pg.PoolClient,
  stored: readonly StoredRecord[],
  after: ChainHead,
  commitBy: number,
  remaining: number,
): string {
  const first = stored[0]!;
  const last = stored[stored.length - 1]!;
  if (!/^[0-9a-f-]{36}$/.test(first.id)) throw new TypeError(`not a record id: ${first.id}`);
  if (![after.hash, last.hash].every((h) => /^[0-9a-f]{64}$/.test(h))) {
    throw new TypeError('not a record hash');
  }
  return `SELECT set_config('access_records.commit_check', '${first.id}', true),
    set_config('access_records.chain_after', '${Math.floor(after.seq)}:${after.hash}', true),
    set_config('access_records.chain_last', '${Math.floor(last.seq)}:${last.hash}', true),
    set_config('access_records.commit_by', least(to_timestamp(${Math.floor(commitBy)}::float8 / 1000),
      clock_timestamp() + ${Math.floor(remaining)} * interval '1 millisecond')::text, true),
    pg_advisory_xact_lock(hashtext(${client.escapeLiteral(last.streamId)}), ${Math.floor(last.seq) % 2147483647})`;
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
