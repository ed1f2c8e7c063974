import { rowLoader, rowsLoader, type Database, type Page } from '../kit';

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

const RECORD = `registration_number AS "registrationNumber", kind, registered_on AS "registeredOn",
  district_code AS "districtCode"`;

// Each registration names two parties: seen from either, the other one is the spouse.
const RECORDS_OF_PERSONS = `
  SELECT party_a_id AS "personId", party_b_id AS "spouseId", ${RECORD}
    FROM marriage_record WHERE party_a_id = ANY($1)
  UNION ALL
  SELECT party_b_id, party_a_id, ${RECORD}
    FROM marriage_record WHERE party_b_id = ANY($1)
  ORDER BY "personId", "registeredOn", "registrationNumber"`;

const ALLOWANCE = `a.case_number AS "caseNumber", a.applicant_id AS "applicantId", a.status,
  a.monthly_amount AS "monthlyAmount", a.household_size AS "householdSize",
  a.district_code AS "districtCode", a.approved_on AS "approvedOn", a.review_due AS "reviewDue"`;

export function createLoaders(db: Database) {
  return {
    /** A person's registrations, oldest first. */
    marriageRecords: rowsLoader<MarriageRecordRow>(db, RECORDS_OF_PERSONS, 'personId'),
    /** The allowance of the household a person belongs to. */
    allowanceOfMember: rowLoader<MemberAllowanceRow>(
      db,
      `SELECT m.person_id AS "personId", ${ALLOWANCE}
         FROM allowance_member m JOIN allowance a USING (case_number) WHERE m.person_id = ANY($1)`,
      'personId',
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface AllowanceFilter {
  districtCode: string | null;
  status: AllowanceStatus | null;
}

/** Allowance cases by district and status, ordered by case number. */
export function listAllowances(db: Database, filter: AllowanceFilter, { limit, offset }: Page) {
  return db.query<AllowanceRow>(
    `SELECT ${ALLOWANCE} FROM allowance a
      WHERE ($1::text IS NULL OR a.district_code = $1) AND ($2::text IS NULL OR a.status = $2)
      ORDER BY a.case_number LIMIT $3 OFFSET $4`,
    [filter.districtCode, filter.status, limit, offset],
  );
}
