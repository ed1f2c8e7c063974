import type { ReachSource } from '../kit';
import { ACCOUNT_ROW, HOLDER_ROW } from './store';

/**
 * Where the persons behind human resources' shareable fields are, for counting those a draft
 * grant opens (kit/sharing-reach.ts): the account holders, by the loaders' table and row
 * filters. An employer's social insurance (headcount, arrears) is about no person: it has no
 * source, so a count naming it is refused.
 */
export const HUMAN_RESOURCES_REACH: readonly ReachSource[] = [
  {
    serves: ['Person.employmentStatus'],
    from: 'social_insurance_account a',
    persons: ['a.holder_id'],
    filters: [['Person', HOLDER_ROW, 'employmentStatus']],
  },
  {
    serves: ['Query.socialInsuranceAccount', 'Person.socialInsurance', 'SocialInsuranceAccount'],
    from: 'social_insurance_account a',
    persons: ['a.holder_id'],
    filters: [['SocialInsuranceAccount', ACCOUNT_ROW]],
  },
];
