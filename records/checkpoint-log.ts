import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Checkpoint } from './checkpoint';

const LOG_FILE = /^(.+)\.checkpoints\.jsonl$/;

/**
 * Appends a checkpoint to its stream's file in `dir` (one JSON line, opened for appending
 * only, synced before returning). The directory lives outside the database: put it on storage
 * the database's administrators cannot write (another host, a WORM bucket, chattr +a).
 */
export function appendCheckpoint(dir: string, checkpoint: Checkpoint): void {
  const storeDir = join(dir, checkpoint.storeId);
  mkdirSync(storeDir, { recursive: true, mode: 0o700 });
  const fd = openSync(join(storeDir, `${checkpoint.streamId}.checkpoints.jsonl`), 'a', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Every checkpoint of store `storeId` in `dir`, per stream, in the order written; none when
 * there are none. A line naming another store or stream than its file counts as that file's
 * stream with a broken signature (it is checked, never skipped).
 */
export function readCheckpoints(dir: string, storeId: string): Map<string, Checkpoint[]> {
  const byStream = new Map<string, Checkpoint[]>();
  const storeDir = join(dir, storeId);
  let files: string[];
  try {
    files = readdirSync(storeDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return byStream;
    throw error;
  }
  for (const file of files.sort()) {
    const stream = LOG_FILE.exec(file)?.[1];
    if (!stream) continue;
    const lines = readFileSync(join(storeDir, file), 'utf8').split('\n').filter(Boolean);
    byStream.set(
      stream,
      lines.map((line) => ({ ...(JSON.parse(line) as Checkpoint), storeId, streamId: stream })),
    );
  }
  return byStream;
}
