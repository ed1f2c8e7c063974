import { rowLoader, rowsLoader, type Caller, type Database, type Page } from '../kit';

export interface PersonRow extends Record<string, unknown> {
  id: string;
  idNumber: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  ethnicity: string;
  districtCode: string;
  address: string;
  mobile: string | null;
  householdId: string;
  relationToHead: string;
}

export interface HouseholdRow extends Record<string, unknown> {
  id: string;
  districtCode: string;
  address: string;
  headId: string;
  size: number;
}

/** Household rows of `householdOf`, keyed by the member asked about. */
interface MemberHouseholdRow extends HouseholdRow {
  memberId: string;
}

/** Person rows of `head`, keyed by the household they head. */
interface HeadRow extends PersonRow {
  headOf: string;
}

/** The fields a Person row condition may name, as columns of `person` aliased `p`. */
export const PERSON_ROW = {
  id: 'p.id',
  districtCode: 'p.district_code',
  household: 'p.household_id',
};

/** The fields a Household row condition may name, as columns of `household` aliased `h`. */
export const HOUSEHOLD_ROW = { id: 'h.id', districtCode: 'h.district_code', head: 'h.head_id' };

const PERSON_COLUMNS = `p.id, p.id_number AS "idNumber", p.name, p.gender,
  p.birth_date AS "birthDate", p.ethnicity, p.district_code AS "districtCode", p.address, p.mobile,
  p.household_id AS "householdId", p.relation_to_head AS "relationToHead"`;

const PERSON = `SELECT ${PERSON_COLUMNS} FROM person p`;

const HOUSEHOLD_COLUMNS = `h.id, h.district_code AS "districtCode", h.address, h.head_id AS "headId", h.size`;

/** A loader's row filters, ANDed, with their parameters numbered after the key array ($1). */
function afterKeys(...filters: ((params: unknown[]) => string)[]) {
  const params: unknown[] = [null];
  const sql = filters.map((filter) => filter(params)).join(' AND ');
  return { sql, params: params.slice(1) };
}

/** Per-request loaders: every person and household they return passes the caller's row filter. */
export function createLoaders(db: Database, caller: Caller) {
  const persons = (params: unknown[]) => caller.rowFilter('Person', PERSON_ROW, params);
  const households = (params: unknown[]) => caller.rowFilter('Household', HOUSEHOLD_ROW, params);
  // The parent's rows, for the rules opening the relation field the loader serves.
  const personFor = (field: string) => (params: unknown[]) =>
    caller.rowFilter('Person', PERSON_ROW, params, field);
  const householdFor = (field: string) => (params: unknown[]) =>
    caller.rowFilter('Household', HOUSEHOLD_ROW, params, field);

  const person = afterKeys(persons);
  const household = afterKeys(households);
  const householdOf = afterKeys(personFor('household'), households);
  const head = afterKeys(householdFor('head'), persons);
  const members = afterKeys(householdFor('members'), persons);
  return {
    person: rowLoader<PersonRow>(
      db,
      `${PERSON} WHERE p.id = ANY($1) AND ${person.sql}`,
      'id',
      person.params,
    ),
    household: rowLoader<HouseholdRow>(
      db,
      `SELECT ${HOUSEHOLD_COLUMNS} FROM household h WHERE h.id = ANY($1) AND ${household.sql}`,
      'id',
      household.params,
    ),
    /** Person.household, by person id. */
    householdOf: rowLoader<MemberHouseholdRow>(
      db,
      `SELECT ${HOUSEHOLD_COLUMNS}, p.id AS "memberId"
         FROM person p JOIN household h ON h.id = p.household_id
        WHERE p.id = ANY($1) AND ${householdOf.sql}`,
      'memberId',
      householdOf.params,
    ),
    /** Household.head, by household id. */
    head: rowLoader<HeadRow>(
      db,
      `SELECT ${PERSON_COLUMNS}, h.id AS "headOf"
         FROM person p JOIN household h ON h.head_id = p.id
        WHERE h.id = ANY($1) AND ${head.sql}`,
      'headOf',
      head.params,
    ),
    /** Household.members, by household id. */
    members: rowsLoader<PersonRow>(
      db,
      `${PERSON} JOIN household h ON h.id = p.household_id
        WHERE p.household_id = ANY($1) AND ${members.sql}
        ORDER BY p.household_id, p.id`,
      'householdId',
      members.params,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * The person holding a resident ID number, if the caller may read them. Searching by a field
 * reads it: only rows where the caller may read `idNumber` are searched, so a miss says nothing
 * about a person outside those rows.
 */
export function findPersonByIdNumber(
  db: Database,
  caller: Caller,
  idNumber: string,
): Promise<PersonRow[]> {
  const params: unknown[] = [idNumber];
  const rows = caller.rowFilter('Person', PERSON_ROW, params);
  const searched = caller.rowFilter('Person', PERSON_ROW, params, 'idNumber');
  return db.query<PersonRow>(
    `${PERSON} WHERE p.id_number = $1 AND ${rows} AND ${searched}`,
    params,
  );
}

/**
 * One page of the persons the caller may read, optionally in one district, in id order. A
 * district filter reads the district: it keeps only rows where the caller may read `districtCode`.
 */
export function listPersons(
  db: Database,
  caller: Caller,
  districtCode: string | null,
  { limit, offset }: Page,
) {
  const params: unknown[] = [districtCode, limit, offset];
  const rows = caller.rowFilter('Person', PERSON_ROW, params);
  const district = caller.rowFilter('Person', PERSON_ROW, params, 'districtCode');
  return db.query<PersonRow>(
    `${PERSON} WHERE ($1::text IS NULL OR (p.district_code = $1 AND ${district})) AND ${rows}
     ORDER BY p.id LIMIT $2 OFFSET $3`,
    params,
  );
}
