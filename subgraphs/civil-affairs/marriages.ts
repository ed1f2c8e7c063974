import type DataLoader from 'dataloader';
import { rowsLoader, type Caller, type Database } from '../kit';
import { maritalStatus, type MaritalStatus } from './marital-status';
import type { MarriageRecordKind, MarriageRecordRow } from './store';

/** What the caller may see of one person's marriages. */
export interface Marriages {
  /** Derived from all the person's registrations; null when the rules do not open it. */
  status: MaritalStatus | null;
  /** The registrations the rules open as Person.marriageRecords, oldest first. */
  records: MarriageRecordRow[];
}

/** A person with one of their registrations (none: null columns) and what the rules open. */
export interface PartyRow extends Record<string, unknown> {
  personId: string;
  statusOpen: boolean;
  recordOpen: boolean | null;
  spouseId: string | null;
  registrationNumber: string | null;
  kind: MarriageRecordKind | null;
  registeredOn: string | null;
  districtCode: string | null;
}

/** MarriageRecord fields a row condition may use, as columns of `r` below. */
export const RECORD_COLUMNS = {
  registrationNumber: 'r.registration_number',
  spouse: 'r.spouse_id',
  districtCode: 'r.district_code',
};

// Each registration names two parties: seen from either, the other one is the spouse.
export const PARTIES = `
  SELECT party_a_id AS person_id, party_b_id AS spouse_id, registration_number, kind, registered_on,
         district_code FROM marriage_record
  UNION ALL
  SELECT party_b_id, party_a_id, registration_number, kind, registered_on, district_code
    FROM marriage_record`;

/**
 * Loads, in one statement per batch, what Person.maritalStatus and Person.marriageRecords need,
 * each under the rules opening it: the status needs every registration of a person whose
 * status is open (and one row without a registration when there is none), the records only the
 * open ones. Read the rows with `marriages`.
 */
export function partiesLoader(db: Database, caller: Caller): DataLoader<string, PartyRow[]> {
  const params: unknown[] = [null]; // $1: the batch's person ids
  const statusOpen = caller.rowFilter('Person', { id: 'p.id' }, params, 'maritalStatus');
  const recordOpen = `(${caller.rowFilter('Person', { id: 'p.id' }, params, 'marriageRecords')}
    AND ${caller.rowFilter('MarriageRecord', RECORD_COLUMNS, params)})`;
  return rowsLoader<PartyRow>(
    db,
    `SELECT p.id AS "personId", ${statusOpen} AS "statusOpen", ${recordOpen} AS "recordOpen",
            r.spouse_id AS "spouseId", r.registration_number AS "registrationNumber", r.kind,
            r.registered_on AS "registeredOn", r.district_code AS "districtCode"
       FROM unnest($1::text[]) AS p(id) LEFT JOIN (${PARTIES}) r ON r.person_id = p.id
      WHERE ${statusOpen} OR ${recordOpen}
      ORDER BY p.id, r.registered_on, r.registration_number`,
    'personId',
    params.slice(1),
  );
}

/** What the caller may see of one person's marriages, from the person's `partiesLoader` rows. */
export function marriages(rows: readonly PartyRow[]): Marriages {
  const registrations = rows.filter((row): row is PartyRow & MarriageRecordRow =>
    Boolean(row.registrationNumber),
  );
  return {
    status: rows[0]?.statusOpen ? maritalStatus(registrations) : null,
    records: registrations.filter((row) => row.recordOpen),
  };
}
