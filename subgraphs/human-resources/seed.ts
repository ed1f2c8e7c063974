import type { City } from '../../fixtures/city/types';
import { flatMap, map, type LoadTable } from '../kit';

/** Human resources keeps adults' social insurance accounts and employers' arrears. */
export async function seed(city: City, load: LoadTable): Promise<void> {
  await load(
    'employer',
    ['uscc', 'arrears_amount', 'arrears_months'],
    map(city.enterprises(), (e) => [
      e.uscc,
      e.socialInsuranceArrears,
      e.socialInsuranceArrearsMonths,
    ]),
  );
  await load(
    'social_insurance_account',
    [
      'account_number',
      'holder_id',
      'employment_status',
      'status',
      'monthly_contribution_base',
      'insured_since',
      'employer_uscc',
    ],
    flatMap(city.households(), (h) =>
      h.members.flatMap(({ id, employment: e }) =>
        e
          ? [
              [
                e.socialInsuranceAccount,
                id,
                e.status,
                e.socialInsuranceStatus,
                e.monthlyContributionBase,
                e.insuredSince,
                e.employerUscc,
              ],
            ]
          : [],
      ),
    ),
  );
}
