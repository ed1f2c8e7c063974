import type { ReachSource } from '../kit';
import { APPEAL_ROW } from './store';

/**
 * Where the persons behind the hotline's shareable fields are, for counting those a draft
 * grant opens (kit/sharing-reach.ts): the submitters of the appeals the loaders' Appeal row
 * filter keeps, whichever path reaches them (an appeal's timeline counts with the appeal).
 * Appeal summaries are statistics about no person: they have no source, so a count naming
 * them is refused.
 */
export const HOTLINE_REACH: readonly ReachSource[] = [
  {
    serves: [
      'Query.appeal',
      'Query.appeals',
      'Person.appeals',
      'Enterprise.appeals',
      'Department.appealsAssigned',
      'Appeal',
      'AppealEvent',
    ],
    from: 'appeal a',
    persons: ['a.submitter_id'],
    filters: [['Appeal', APPEAL_ROW]],
  },
];
