import type { RecordStoreUnavailable } from './errors';
import type { AccessRecord } from './record';
import type { AppendResult } from './writer-api';

/** An append waiting for its transaction (or a compensating record, kept until stored). */
export interface Pending {
  record: AccessRecord;
  compensation?: AccessRecord;
  /** Epoch ms the caller stops waiting; undefined for a compensating record (kept until stored). */
  deadline?: number;
  settled: boolean;
  resolve(result: AppendResult): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

/** Marks the append answered; false when it already was (its caller was told before). */
export function settle(entry: Pending): boolean {
  if (entry.settled) return false;
  entry.settled = true;
  clearTimeout(entry.timer);
  return true;
}

/** Rejects every append of `entries` not answered yet. */
export function fail(entries: readonly Pending[], error: RecordStoreUnavailable): void {
  for (const entry of entries) if (settle(entry)) entry.reject(error);
}

export function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}

export function noop(): void {}
