import type { ReachSource } from '../kit';
import { PARTIES, RECORD_COLUMNS } from './marriages';
import { ALLOWANCE_COLUMNS } from './store';

/**
 * Where the persons behind civil affairs' shareable fields are, for counting those a draft
 * grant opens (kit/sharing-reach.ts): the loaders' tables and row filters. Person.maritalStatus
 * has no source: it answers for every person of the city (SINGLE without a registration) and
 * civil affairs holds no list of them, so a count naming it is refused rather than short.
 */
export const CIVIL_AFFAIRS_REACH: readonly ReachSource[] = [
  {
    // Seen from either party, a registration names the other one.
    serves: ['Person.marriageRecords', 'MarriageRecord'],
    from: `(${PARTIES}) r`,
    persons: ['r.person_id', 'r.spouse_id'],
    filters: [
      ['Person', { id: 'r.person_id' }, 'marriageRecords'],
      ['MarriageRecord', RECORD_COLUMNS],
    ],
  },
  {
    // A case's fields are about its household: every member (the applicant is one of them),
    // whichever path reaches the case.
    serves: ['Query.subsistenceAllowances', 'Person.subsistenceAllowance', 'SubsistenceAllowance'],
    from: 'allowance a JOIN allowance_member m USING (case_number)',
    persons: ['m.person_id', 'a.applicant_id'],
    filters: [['SubsistenceAllowance', ALLOWANCE_COLUMNS]],
  },
];
