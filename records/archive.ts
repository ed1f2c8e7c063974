import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import { inTransaction } from '../postgres/transaction';
import {
  sha256File,
  signManifest,
  type ArchiveManifest,
  type ArchiveRun,
} from './archive-manifest';
import type { Checkpoint, CheckpointKey } from './checkpoint';
import { fromRow, RECORD_COLUMNS, type RecordRow } from './columns';
import { monthOf, partitionName } from './partitions';
import { quoteIdent, storeIdentity } from './sql';

const FETCH_SIZE = 2_000;

/** The file a month is archived to, in the archive directory. */
export function archiveFileName(month: string): string {
  return `access-records-${month}.jsonl.gz`;
}

/** Where a file's manifest sits: next to it. */
export function manifestPath(file: string): string {
  return `${file}.manifest.json`;
}

/** The attached monthly partitions of the records table before `before` ('YYYY-MM'), oldest first. */
export async function monthsBefore(db: pg.Pool, schema: string, before: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = $1::regclass ORDER BY c.relname`,
    [`${quoteIdent(schema)}.access_record`],
  );
  return rows
    .map((r) => /^access_record_(\d{4})_(\d{2})$/.exec(r.name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}-${m[2]}`)
    .filter((month) => month < before);
}

/**
 * Archives one month: in one transaction that holds inserts into its partition off, writes
 * its records to `dir/access-records-YYYY-MM.jsonl.gz` (gzip JSON Lines, by stream and seq)
 * with a manifest next to it (signed when `key` has its private half), stores the manifest in
 * archived_month and DETACHes the partition. Needs the owner of the records (DETACH). The
 * detached table stays in the schema until the operator drops it.
 */
export async function archiveMonth(
  owner: pg.Pool,
  options: { schema: string; month: string; dir: string; key?: CheckpointKey },
): Promise<ArchiveManifest> {
  const { schema, month, dir } = options;
  if (month >= monthOf(new Date())) {
    throw new Error(`Month ${month} is not over yet: only past months can be archived.`);
  }
  const partition = `${quoteIdent(schema)}.${quoteIdent(partitionName(month))}`;
  mkdirSync(dir, { recursive: true });
  const file = archiveFileName(month);
  const path = join(dir, file);
  return inTransaction(owner, async (client) => {
    await client.query(`LOCK TABLE ${partition} IN SHARE MODE`);
    const runs = await writeRecords(client, partition, path);
    const manifest = signWith(options.key, {
      v: 1,
      storeId: await storeIdentity(client, schema),
      month,
      file,
      sha256: await sha256File(path),
      records: runs.reduce((n, r) => n + r.records, 0),
      runs,
      checkpoints: await checkpointsWithin(client, schema, runs),
      archivedAt: new Date().toISOString(),
    });
    writeFileSync(manifestPath(path), `${JSON.stringify(manifest, null, 2)}\n`);
    await client.query(
      `INSERT INTO ${quoteIdent(schema)}.archived_month (month, manifest) VALUES ($1, $2)`,
      [month, JSON.stringify(manifest)],
    );
    await client.query(
      `ALTER TABLE ${quoteIdent(schema)}.access_record DETACH PARTITION ${partition}`,
    );
    return manifest;
  });
}

function signWith(key: CheckpointKey | undefined, manifest: ArchiveManifest): ArchiveManifest {
  return key ? signManifest(key, manifest) : manifest;
}

async function writeRecords(
  client: pg.PoolClient,
  partition: string,
  path: string,
): Promise<ArchiveRun[]> {
  const gzip = createGzip();
  const out = gzip.pipe(createWriteStream(path));
  const runs: ArchiveRun[] = [];
  await client.query(
    `DECLARE archived NO SCROLL CURSOR FOR SELECT ${RECORD_COLUMNS} FROM ${partition} r
     ORDER BY r.stream_id, r.seq`,
  );
  for (;;) {
    const { rows } = await client.query<RecordRow>(`FETCH ${FETCH_SIZE} FROM archived`);
    for (const row of rows) {
      const record = fromRow(row);
      extendRuns(runs, record);
      if (!gzip.write(`${JSON.stringify({ type: 'record', ...record })}\n`)) {
        await once(gzip, 'drain');
      }
    }
    if (rows.length < FETCH_SIZE) break;
  }
  await client.query('CLOSE archived');
  gzip.end();
  await finished(out);
  return runs;
}

/** Adds a record (in stream and seq order) to the runs it continues or starts. */
export function extendRuns(
  runs: ArchiveRun[],
  record: { streamId: string; seq: number; prevHash: string; hash: string },
): void {
  const last = runs[runs.length - 1];
  if (last && last.streamId === record.streamId && last.lastSeq + 1 === record.seq) {
    last.lastSeq = record.seq;
    last.lastHash = record.hash;
    last.records += 1;
    return;
  }
  runs.push({
    streamId: record.streamId,
    firstSeq: record.seq,
    prevHash: record.prevHash,
    firstHash: record.hash,
    lastSeq: record.seq,
    lastHash: record.hash,
    records: 1,
  });
}

async function checkpointsWithin(
  client: pg.PoolClient,
  schema: string,
  runs: readonly ArchiveRun[],
): Promise<Checkpoint[]> {
  if (runs.length === 0) return [];
  const { rows } = await client.query<{
    stream_id: string;
    seq: string;
    hash: string;
    signed_at: Date;
    key_id: string;
    signature: string;
  }>(
    `SELECT c.stream_id, c.seq::text AS seq, c.hash, c.signed_at, c.key_id, c.signature
       FROM ${quoteIdent(schema)}.checkpoint c
       JOIN json_to_recordset($1::json) AS r("streamId" text, "firstSeq" bigint, "lastSeq" bigint)
         ON c.stream_id = r."streamId" AND c.seq BETWEEN r."firstSeq" AND r."lastSeq"
      ORDER BY c.stream_id, c.seq`,
    [JSON.stringify(runs)],
  );
  const storeId = await storeIdentity(client, schema);
  return rows.map((r) => ({
    storeId,
    streamId: r.stream_id,
    seq: Number(r.seq),
    hash: r.hash,
    signedAt: r.signed_at.toISOString(),
    keyId: r.key_id,
    signature: r.signature,
  }));
}
