import type { ReachSource } from '../kit';
import { INCOME_FILTERS } from './store';

/**
 * Where the persons behind tax's shareable fields are, for counting those a draft grant opens
 * (kit/sharing-reach.ts): personal income, by the loader's table and row filters. Enterprises'
 * ratings and arrears are about no person: they have no source, so a count naming them is
 * refused.
 */
export const TAX_REACH: readonly ReachSource[] = [
  {
    serves: ['Person.annualIncomes', 'PersonalIncome'],
    from: 'personal_income',
    persons: ['person_id'],
    filters: INCOME_FILTERS,
  },
];
