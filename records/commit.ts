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

/**
 * Chains the records after `head` (read from the table when null) and inserts them in one
 * durable transaction. Resolves only after COMMIT; on any error the transaction is rolled
 * back and nothing of the batch is stored.
 */
export async function commitBatch(
  client: pg.PoolClient,
  table: string,
  streamId: string,
  head: ChainHead | null,
  records: readonly AccessRecord[],
  timeoutMs: number,
): Promise<StoredRecord[]> {
  try {
    // synchronous_commit: the caller releases personal data once this resolves.
    await client.query(
      `BEGIN; SET LOCAL synchronous_commit TO on; SET LOCAL statement_timeout TO ${Math.ceil(timeoutMs)}`,
    );
    const start = head ?? (await readHead(client, table, streamId));
    const stored = chainRecords(streamId, start, records);
    await client.query(insertStatement(table), [JSON.stringify(stored.map(toRow))]);
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
