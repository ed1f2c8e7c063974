import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT_DIR } from '../../schema/load-manifest';

/** Where a running `npm start` says where it is: read by npm run audit, token and a second npm start. */
export const DEFAULT_STACK_STATE_PATH = join(ROOT_DIR, '.data', 'stack.json');

/** STACK_STATE_FILE, else DEFAULT_STACK_STATE_PATH. */
export function stackStatePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.STACK_STATE_FILE || DEFAULT_STACK_STATE_PATH;
}

/** What `npm start` writes once its PostgreSQL is up, and again once the gateway listens. */
export interface StackState {
  pid: number;
  startedAt: string;
  /** The departments' and access records' PostgreSQL (password included: a local file for local use). */
  postgresUrl: string;
  embeddedPostgres: boolean;
  /** Base URL of the gateway, once it listens. */
  gatewayUrl?: string;
  /** Whether the gateway accepts development tokens (npm run token). */
  developmentKeys?: boolean;
}

/** Writes the state atomically (mode 0600: it holds a database URL). */
export function writeStackState(state: StackState, path = stackStatePath()): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}

/** The running stack's state; null when none is running (a stale file of a dead process is removed). */
export function readRunningStack(path = stackStatePath()): StackState | null {
  let state: StackState;
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as StackState;
  } catch {
    return null;
  }
  if (isAlive(state.pid)) return state;
  rmSync(path, { force: true });
  return null;
}

/** Removes the state file if it is this process's. */
export function removeStackState(pid = process.pid, path = stackStatePath()): void {
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as StackState;
    if (state.pid === pid) rmSync(path, { force: true });
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
