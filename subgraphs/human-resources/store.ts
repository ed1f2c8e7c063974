import { rowLoader, type Caller, type Database } from '../kit';

export interface AccountRow extends Record<string, unknown> {
  accountNumber: string;
  holderId: string;
  employmentStatus: 'EMPLOYED' | 'UNEMPLOYED' | 'RETIRED' | 'SELF_EMPLOYED';
  status: 'ACTIVE' | 'SUSPENDED' | 'TERMINATED';
  monthlyContributionBase: number;
  insuredSince: string;
  employerUscc: string | null;
  /** Whether the caller may read the holder's Person.employmentStatus. */
  employmentStatusReadable: boolean;
  /** Whether the caller may read the holder's Person.socialInsurance (this account). */
  socialInsuranceReadable: boolean;
}

/** An employer's social insurance position: the EnterpriseSocialInsurance fields. */
export interface EmployerRow extends Record<string, unknown> {
  uscc: string;
  insuredHeadcount: number;
  arrearsAmount: number;
  arrearsMonths: number;
}

/** The fields a SocialInsuranceAccount row condition may name (`social_insurance_account a`). */
export const ACCOUNT_ROW = {
  accountNumber: 'a.account_number',
  holder: 'a.holder_id',
  employer: 'a.employer_uscc',
};

/** A Person row condition here: the account holder's id. */
export const HOLDER_ROW = { id: 'a.holder_id' };

/** The fields an Enterprise row condition may name (`employer e`). */
const EMPLOYER_ROW = { uscc: 'e.uscc' };

const ACCOUNT_COLUMNS = `a.account_number AS "accountNumber", a.holder_id AS "holderId",
  a.employment_status AS "employmentStatus", a.status,
  a.monthly_contribution_base AS "monthlyContributionBase", a.insured_since AS "insuredSince",
  a.employer_uscc AS "employerUscc"`;

/**
 * An account statement keyed by `key` ($1), with what the caller may read of the holder: both
 * Person fields this department serves come from the one account row, so one statement
 * answers both, each under the rules opening it. `where` restricts the rows further.
 */
function accountLoader(
  db: Database,
  caller: Caller,
  key: 'accountNumber' | 'holderId',
  where: (readable: { status: string; account: string; insurance: string }) => string,
) {
  const params: unknown[] = [null];
  const status = caller.rowFilter('Person', HOLDER_ROW, params, 'employmentStatus');
  const holder = caller.rowFilter('Person', HOLDER_ROW, params, 'socialInsurance');
  const account = caller.rowFilter('SocialInsuranceAccount', ACCOUNT_ROW, params);
  const insurance = `(${holder} AND ${account})`;
  return rowLoader<AccountRow>(
    db,
    `SELECT ${ACCOUNT_COLUMNS},
       ${status} AS "employmentStatusReadable", ${insurance} AS "socialInsuranceReadable"
       FROM social_insurance_account a
      WHERE ${key === 'holderId' ? 'a.holder_id' : 'a.account_number'} = ANY($1)
        AND ${where({ status, account, insurance })}`,
    key,
    params.slice(1),
  );
}

/** Per-request loaders of accounts and employers, each row passing the caller's row filter. */
export function createLoaders(db: Database, caller: Caller) {
  // $1 is each batch's key array; the filter's parameters follow.
  const employerParams: unknown[] = [null];
  const employers = caller.rowFilter('Enterprise', EMPLOYER_ROW, employerParams);
  return {
    /** Query.socialInsuranceAccount, by account number. */
    account: accountLoader(db, caller, 'accountNumber', ({ account }) => account),
    /** Person.employmentStatus and Person.socialInsurance, by holder id. */
    accountOfHolder: accountLoader(
      db,
      caller,
      'holderId',
      ({ status, insurance }) => `(${status} OR ${insurance})`,
    ),
    // One GROUP BY for the whole batch; the LEFT JOIN keeps employers without insured staff (0).
    // The headcount is a statistic, not personal: every ACTIVE account counts, whoever asks.
    employer: rowLoader<EmployerRow>(
      db,
      `SELECT e.uscc, count(a.account_number)::int AS "insuredHeadcount",
         e.arrears_amount AS "arrearsAmount", e.arrears_months AS "arrearsMonths"
         FROM employer e
         LEFT JOIN social_insurance_account a ON a.employer_uscc = e.uscc AND a.status = 'ACTIVE'
        WHERE e.uscc = ANY($1) AND ${employers}
        GROUP BY e.uscc`,
      'uscc',
      employerParams.slice(1),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
