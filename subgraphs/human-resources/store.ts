import { rowLoader, type Database } from '../kit';

export interface AccountRow extends Record<string, unknown> {
  accountNumber: string;
  holderId: string;
  employmentStatus: 'EMPLOYED' | 'UNEMPLOYED' | 'RETIRED' | 'SELF_EMPLOYED';
  status: 'ACTIVE' | 'SUSPENDED' | 'TERMINATED';
  monthlyContributionBase: number;
  insuredSince: string;
  employerUscc: string | null;
}

/** An employer's social insurance position: the EnterpriseSocialInsurance fields. */
export interface EmployerRow extends Record<string, unknown> {
  uscc: string;
  insuredHeadcount: number;
  arrearsAmount: number;
  arrearsMonths: number;
}

const ACCOUNT = `SELECT account_number AS "accountNumber", holder_id AS "holderId",
  employment_status AS "employmentStatus", status,
  monthly_contribution_base AS "monthlyContributionBase", insured_since AS "insuredSince",
  employer_uscc AS "employerUscc" FROM social_insurance_account`;

// One GROUP BY for the whole batch; the LEFT JOIN keeps employers without insured staff (0).
const EMPLOYER = `SELECT e.uscc, count(a.account_number)::int AS "insuredHeadcount",
  e.arrears_amount AS "arrearsAmount", e.arrears_months AS "arrearsMonths"
  FROM employer e
  LEFT JOIN social_insurance_account a ON a.employer_uscc = e.uscc AND a.status = 'ACTIVE'
  WHERE e.uscc = ANY($1)
  GROUP BY e.uscc`;

/** Per-request loaders of accounts and employers. */
export function createLoaders(db: Database) {
  return {
    account: rowLoader<AccountRow>(
      db,
      `${ACCOUNT} WHERE account_number = ANY($1)`,
      'accountNumber',
    ),
    accountOfHolder: rowLoader<AccountRow>(db, `${ACCOUNT} WHERE holder_id = ANY($1)`, 'holderId'),
    employer: rowLoader<EmployerRow>(db, EMPLOYER, 'uscc'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
