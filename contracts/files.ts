import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates `dir` for its owner alone (0700), and any missing parents as ordinary directories. A
 * recursive mkdir with a mode gives the mode to every directory it creates: a key directory
 * created first made `.data` itself private, and the embedded PostgreSQL, which runs as its own
 * user when root starts it, could then no longer reach `.data/postgres`.
 */
export function makePrivateDirectory(dir: string): void {
  mkdirSync(dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}
