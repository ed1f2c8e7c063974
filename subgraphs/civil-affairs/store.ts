import { rowLoader, type Caller, type Database, type Page } from '../kit';
import { partiesLoader } from './marriages';

export type MarriageRecordKind = 'MARRIAGE' | 'DIVORCE';
export type AllowanceStatus = 'APPROVED' | 'SUSPENDED' | 'TERMINATED';

/** One marriage or divorce registration, seen from one of its two parties. */
export interface MarriageRecordRow extends Record<string, unknown> {
  personId: string;
  spouseId: string;
  registrationNumber: string;
  kind: MarriageRecordKind;
  registeredOn: string;
  districtCode: string;
}

export interface AllowanceRow extends Record<string, unknown> {
  caseNumber: string;
  applicantId: string;
  status: AllowanceStatus;
  monthlyAmount: number;
  householdSize: number;
  districtCode: string;
  approvedOn: string;
  reviewDue: string;
}

/** An allowance case as it applies to one person of the household it covers. */
export interface MemberAllowanceRow extends AllowanceRow {
  personId: string;
}

const ALLOWANCE = `a.case_number AS "caseNumber", a.applicant_id AS "applicantId", a.status,
  a.monthly_amount AS "monthlyAmount", a.household_size AS "householdSize",
  a.district_code AS "districtCode", a.approved_on AS "approvedOn", a.review_due AS "reviewDue"`;

/** SubsistenceAllowance fields a row condition may use, as columns of `allowance a`. */
export const ALLOWANCE_COLUMNS = {
  caseNumber: 'a.case_number',
  applicant: 'a.applicant_id',
  districtCode: 'a.district_code',
};

/** Per-request loaders, their SQL restricted to the rows the caller's rules open. */
export function createLoaders(db: Database, caller: Caller) {
  const params: unknown[] = [null]; // $1: the batch's person ids
  const personOpen = caller.rowFilter(
    'Person',
    { id: 'm.person_id' },
    params,
    'subsistenceAllowance',
  );
  const allowanceOpen = caller.rowFilter('SubsistenceAllowance', ALLOWANCE_COLUMNS, params);
  return {
    /** Each person's registrations, oldest first, and their marital status (see `marriages`). */
    parties: partiesLoader(db, caller),
    /** The allowance of the household a person belongs to. */
    allowanceOfMember: rowLoader<MemberAllowanceRow>(
      db,
      `SELECT m.person_id AS "personId", ${ALLOWANCE}
         FROM allowance_member m JOIN allowance a USING (case_number)
        WHERE m.person_id = ANY($1) AND ${personOpen} AND ${allowanceOpen}`,
      'personId',
      params.slice(1),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface AllowanceFilter {
  districtCode: string | null;
  status: AllowanceStatus | null;
}

/** Allowance cases by district and status that the caller may read, ordered by case number. */
export function listAllowances(
  db: Database,
  caller: Caller,
  filter: AllowanceFilter,
  { limit, offset }: Page,
) {
  const params: unknown[] = [filter.districtCode, filter.status, limit, offset];
  const open = caller.rowFilter('SubsistenceAllowance', ALLOWANCE_COLUMNS, params);
  return db.query<AllowanceRow>(
    `SELECT ${ALLOWANCE} FROM allowance a
      WHERE ($1::text IS NULL OR a.district_code = $1) AND ($2::text IS NULL OR a.status = $2)
        AND ${open}
      ORDER BY a.case_number LIMIT $3 OFFSET $4`,
    params,
  );
}
