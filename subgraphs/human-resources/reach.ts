import { rootPath, type ReachSource } from '../kit';
import { ACCOUNT_ROW, HOLDER_ROW } from './store';

const ACCOUNTS = { from: 'social_insurance_account a', persons: ['a.holder_id'] };

/**
 * Where the persons behind human resources' shareable fields are, for counting those a draft
 * grant opens (kit/sharing-reach.ts): the account holders, one source per loader path, with
 * the loaders' row filters. An employer's social insurance (headcount, arrears) is about no
 * person: it has no source, so a count naming it is refused.
 */
export const HUMAN_RESOURCES_REACH: readonly ReachSource[] = [
  {
    serves: ['Person.employmentStatus'],
    ...ACCOUNTS,
    filters: [['Person', HOLDER_ROW, 'employmentStatus']],
  },
  {
    serves: ['Person.socialInsurance', 'SocialInsuranceAccount'],
    ...ACCOUNTS,
    filters: [
      ['Person', HOLDER_ROW, 'socialInsurance'],
      ['SocialInsuranceAccount', ACCOUNT_ROW],
    ],
  },
  {
    serves: ['Query.socialInsuranceAccount', 'SocialInsuranceAccount'],
    ...ACCOUNTS,
    filters: [rootPath('socialInsuranceAccount'), ['SocialInsuranceAccount', ACCOUNT_ROW]],
  },
];
