import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Checkpoint } from './checkpoint';
import { makePrivateDirectory } from '../contracts/files';

/** What a log line names: the store and stream whose file it is in. */
interface Placed {
  storeId: string;
  streamId: string;
}

/**
 * Appends a checkpoint to its stream's file in `dir` (one JSON line, opened for appending
 * only, synced before returning). The directory lives outside the database: put it on storage
 * the database's administrators cannot write (another host, a WORM bucket, chattr +a).
 */
export function appendCheckpoint(dir: string, checkpoint: Checkpoint): void {
  appendLine(dir, 'checkpoints', checkpoint);
}

/**
 * Every checkpoint of store `storeId` in `dir`, per stream, in the order written; none when
 * there are none. A line naming another store or stream than its file counts as that file's
 * stream with a broken signature (it is checked, never skipped).
 */
export function readCheckpoints(dir: string, storeId: string): Map<string, Checkpoint[]> {
  return readLines<Checkpoint>(dir, 'checkpoints', storeId);
}

/** Appends `line` to `<dir>/<storeId>/<streamId>.<kind>.jsonl` (append only, synced). */
export function appendLine(dir: string, kind: string, line: Placed): void {
  const storeDir = join(dir, line.storeId);
  makePrivateDirectory(dir);
  makePrivateDirectory(storeDir);
  const fd = openSync(join(storeDir, `${line.streamId}.${kind}.jsonl`), 'a', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(line)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Every line of the `<kind>` files of store `storeId` in `dir`, per stream, as written. */
export function readLines<T extends Placed>(
  dir: string,
  kind: string,
  storeId: string,
): Map<string, T[]> {
  const byStream = new Map<string, T[]>();
  const storeDir = join(dir, storeId);
  let files: string[];
  try {
    files = readdirSync(storeDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return byStream;
    throw error;
  }
  const suffix = `.${kind}.jsonl`;
  for (const file of files.sort()) {
    if (!file.endsWith(suffix) || file.length === suffix.length) continue;
    const stream = file.slice(0, -suffix.length);
    const lines = readFileSync(join(storeDir, file), 'utf8').split('\n').filter(Boolean);
    byStream.set(
      stream,
      lines.map((line) => ({ ...(JSON.parse(line) as T), storeId, streamId: stream })),
    );
  }
  return byStream;
}
