import { rowLoader, type Caller, type Database } from '../kit';
import { SUMMARY_SQL, type ChallengeSummaryRow } from './challenges/store';
import { departmentLoaders } from './departments/store';
import { commentsLoader } from './incidents/inbox';
import { beijingDate } from './objections/deadline';
import { governanceRows } from './policies/rows';

/** Per-request loaders of every concept of the data bureau. */
export function createLoaders(db: Database, caller: Caller) {
  return {
    ...departmentLoaders(db, caller),
    governance: governanceRows(caller),
    incidentComments: commentsLoader(db),
    challengeSummary: rowLoader<ChallengeSummaryRow>(db, SUMMARY_SQL, 'department', [
      beijingDate(new Date()),
    ]),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
