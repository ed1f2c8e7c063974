import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { extendRuns } from './archive';
import {
  manifestSigned,
  sha256File,
  type ArchiveManifest,
  type ArchiveRun,
} from './archive-manifest';
import type { CheckpointKey } from './checkpoint';
import { canonicalJson, canonicalRecord, hashRecord } from './record';
import { archivedRecords } from './restore';
import { quoteIdent } from './sql';

/** The manifests of the archived (detached) months, oldest first. */
export async function archivedManifests(db: pg.Pool, schema: string): Promise<ArchiveManifest[]> {
  const { rows } = await db.query<{ manifest: ArchiveManifest }>(
    `SELECT DISTINCT ON (a.month) a.manifest FROM ${quoteIdent(schema)}.archived_month a
      WHERE NOT EXISTS (SELECT FROM ${quoteIdent(schema)}.restored_month r
                         WHERE r.month = a.month AND r.restored_at > a.archived_at)
      ORDER BY a.month, a.archived_at DESC`,
  );
  return rows.map((r) => r.manifest);
}

/** What checking an archived month found: problems fail verify, notes do not. */
export interface ArchiveCheck {
  problems: string[];
  notes: string[];
}

/**
 * Checks an archived month: the manifest's signature (with `key`, when it is signed), and,
 * when its file is in `dir`, the file's SHA-256 and every record in it (each hash recomputed,
 * the runs the same as the manifest's, each listed checkpoint's record there with its hash).
 */
export async function checkArchive(
  manifest: ArchiveManifest,
  dir: string | undefined,
  key?: CheckpointKey,
): Promise<ArchiveCheck> {
  const result: ArchiveCheck = { problems: [], notes: [] };
  const month = `Archived month ${manifest.month}`;
  if (manifest.signature && key && !manifestSigned(key, manifest)) {
    result.problems.push(`${month}: its manifest is not validly signed by the checkpoint key.`);
  } else if (!manifest.signature) {
    result.notes.push(
      `${month}: its manifest is not signed (archived without the checkpoint key).`,
    );
  }
  const path = dir && join(dir, manifest.file);
  if (!path || !existsSync(path)) {
    result.notes.push(
      `${month}: ${manifest.file} not found${dir ? ` in ${dir}` : ''}; chains crossed by the manifest only.`,
    );
    return result;
  }
  const sha256 = await sha256File(path);
  if (sha256 !== manifest.sha256) {
    result.problems.push(
      `${month}: ${path} was changed: its SHA-256 is ${sha256}, the manifest's ${manifest.sha256}.`,
    );
    return result;
  }
  const runs: ArchiveRun[] = [];
  const signed = new Map(manifest.checkpoints.map((c) => [`${c.streamId}/${c.seq}`, c.hash]));
  for await (const record of archivedRecords(path)) {
    const computed = hashRecord(record.prevHash, canonicalRecord(record, record.format));
    if (computed !== record.hash) {
      result.problems.push(
        `${month}: record ${record.id} (stream '${record.streamId}', seq ${record.seq}) does not give its hash.`,
      );
    }
    const anchored = signed.get(`${record.streamId}/${record.seq}`);
    if (anchored !== undefined && anchored !== record.hash) {
      result.problems.push(
        `${month}: the checkpoint of stream '${record.streamId}' at seq ${record.seq} names another hash.`,
      );
    }
    const last = runs[runs.length - 1];
    if (
      last &&
      last.streamId === record.streamId &&
      last.lastSeq + 1 === record.seq &&
      last.lastHash !== record.prevHash
    ) {
      result.problems.push(
        `${month}: record ${record.id} (stream '${record.streamId}', seq ${record.seq}) does not link to the record before it.`,
      );
    }
    extendRuns(runs, record);
  }
  if (canonicalJson(runs) !== canonicalJson(manifest.runs)) {
    result.problems.push(`${month}: the file's chains do not match its manifest's.`);
  }
  return result;
}
