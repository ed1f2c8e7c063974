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

/** The BEGIN of a batch's transaction: durable (the caller releases personal data once it commits), bounded. */
export function batchBegin(timeoutMs: number): string {
  return `BEGIN; SET LOCAL synchronous_commit TO on; SET LOCAL statement_timeout TO ${Math.ceil(timeoutMs)}`;
}

/**
 * Chains the records after `head` (read from the table when null) and inserts them, inside
 * the caller's transaction (opened with `batchBegin`): on any error nothing of the batch is
 * stored.
 */
export async function insertBatch(
  client: pg.PoolClient,
  table: string,
  streamId: string,
  head: ChainHead | null,
  records: readonly AccessRecord[],
): Promise<StoredRecord[]> {
  const start = head ?? (await readHead(client, table, streamId));
  const stored = chainRecords(streamId, start, records);
  await client.query(insertStatement(table), [JSON.stringify(stored.map(toRow))]);
  return stored;
}

async function readHead(
  client: pg.PoolClient,
  table: string,
  streamId: string,
): Promise<ChainHead> {
  const [head] = await streamHeads(client, table, streamId);
  return head ? { seq: head.seq, hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
}
