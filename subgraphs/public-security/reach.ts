import type { ReachSource } from '../kit';
import { HOUSEHOLD_ROW, PERSON_ROW } from './store';

/**
 * Where the persons behind public security's shareable fields are, for counting those a
 * draft grant opens (kit/sharing-reach.ts): the loaders' tables, aliases and row columns.
 */
export const PUBLIC_SECURITY_REACH: readonly ReachSource[] = [
  {
    serves: ['Query.person', 'Query.personByIdNumber', 'Query.persons', 'Person'],
    from: 'person p',
    persons: ['p.id'],
    filters: [['Person', PERSON_ROW]],
  },
  {
    // A household's fields are about its members.
    serves: ['Query.household', 'Household'],
    from: 'household h JOIN person p ON p.household_id = h.id',
    persons: ['p.id'],
    filters: [['Household', HOUSEHOLD_ROW]],
  },
];
