import type { MarriageRecordRow } from './store';

export type MaritalStatus = 'SINGLE' | 'MARRIED' | 'DIVORCED';

/** A person's marital status: what their latest registration made it (none: single). */
export function maritalStatus(recordsOldestFirst: readonly MarriageRecordRow[]): MaritalStatus {
  const latest = recordsOldestFirst.at(-1);
  if (!latest) return 'SINGLE';
  switch (latest.kind) {
    case 'MARRIAGE':
      return 'MARRIED';
    case 'DIVORCE':
      return 'DIVORCED';
    default:
      return unreachable(latest.kind);
  }
}

function unreachable(kind: never): never {
  throw new Error(`Unknown marriage record kind ${String(kind)}.`);
}
