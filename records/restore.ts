import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type pg from 'pg';
import { inTransaction } from '../postgres/transaction';
import { sha256File, type ArchiveManifest } from './archive-manifest';
import { manifestPath } from './archive';
import { insertStatement, toRow } from './columns';
import type { StoredRecord } from './record';
import { partitionName } from './partitions';
import { quoteIdent } from './sql';

const INSERT_CHUNK = 1_000;

/** The records of an archive file, in file order. */
export async function* archivedRecords(
  path: string,
): AsyncGenerator<StoredRecord & { format: number }> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()) });
  for await (const line of lines) {
    if (!line) continue;
    const record = JSON.parse(line) as StoredRecord & { type?: string; format: number };
    delete record.type;
    yield record;
  }
}

/**
 * Puts an archived month back: checks the file against its manifest's SHA-256, then
 * re-ATTACHes the detached partition when it is still in the schema, or else creates the
 * partition and imports the file's records (as stored, hashes and formats unchanged); notes the
 * month in restored_month. Needs the owner of the records. Returns the manifest.
 */
export async function restoreArchive(
  owner: pg.Pool,
  options: { schema: string; file: string },
): Promise<{ manifest: ArchiveManifest; how: 'attached' | 'imported' }> {
  const manifest = JSON.parse(readFileSync(manifestPath(options.file), 'utf8')) as ArchiveManifest;
  if (manifest.file !== basename(options.file)) {
    throw new Error(`The manifest next to ${options.file} describes ${manifest.file}.`);
  }
  const sha256 = await sha256File(options.file);
  if (sha256 !== manifest.sha256) {
    throw new Error(
      `${options.file} is not the archived file: its SHA-256 is ${sha256}, the manifest's ${manifest.sha256}.`,
    );
  }
  const schema = quoteIdent(options.schema);
  const name = partitionName(manifest.month);
  return inTransaction(owner, async (client) => {
    const { rows } = await client.query<{ attached: boolean }>(
      `SELECT EXISTS (SELECT FROM pg_inherits WHERE inhrelid = c.oid) AS attached
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname = $2`,
      [options.schema, name],
    );
    if (rows[0]?.attached)
      throw new Error(`Month ${manifest.month} is not archived: its partition is attached.`);
    let how: 'attached' | 'imported';
    if (rows[0]) {
      const [from, to] = bounds(manifest.month);
      await client.query(
        `ALTER TABLE ${schema}.access_record ATTACH PARTITION ${schema}.${quoteIdent(name)}
           FOR VALUES FROM ('${from}') TO ('${to}')`,
      );
      how = 'attached';
    } else {
      await client.query(`SELECT ${schema}.create_access_record_partition($1)`, [
        `${manifest.month}-01T00:00:00Z`,
      ]);
      let chunk: ReturnType<typeof toRow>[] = [];
      const insert = async () => {
        if (chunk.length > 0)
          await client.query(insertStatement(`${schema}.access_record`), [JSON.stringify(chunk)]);
        chunk = [];
      };
      for await (const record of archivedRecords(options.file)) {
        chunk.push({ ...toRow(record), format: record.format });
        if (chunk.length >= INSERT_CHUNK) await insert();
      }
      await insert();
      how = 'imported';
    }
    await client.query(`INSERT INTO ${schema}.restored_month (month) VALUES ($1)`, [
      manifest.month,
    ]);
    return { manifest, how };
  });
}

function bounds(month: string): [string, string] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return [
    new Date(Date.UTC(year, m - 1, 1)).toISOString(),
    new Date(Date.UTC(year, m, 1)).toISOString(),
  ];
}
