import { rowLoader, rowsLoader, type Database, type Page } from '../kit';

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

const PERSON = `SELECT id, id_number AS "idNumber", name, gender, birth_date AS "birthDate", ethnicity,
  district_code AS "districtCode", address, mobile, household_id AS "householdId",
  relation_to_head AS "relationToHead" FROM person`;

const HOUSEHOLD = `SELECT id, district_code AS "districtCode", address, head_id AS "headId", size FROM household`;

export function createLoaders(db: Database) {
  return {
    person: rowLoader<PersonRow>(db, `${PERSON} WHERE id = ANY($1)`, 'id'),
    household: rowLoader<HouseholdRow>(db, `${HOUSEHOLD} WHERE id = ANY($1)`, 'id'),
    members: rowsLoader<PersonRow>(
      db,
      `${PERSON} WHERE household_id = ANY($1) ORDER BY household_id, id`,
      'householdId',
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export function findPersonByIdNumber(db: Database, idNumber: string): Promise<PersonRow[]> {
  return db.query<PersonRow>(`${PERSON} WHERE id_number = $1`, [idNumber]);
}

export function listPersons(db: Database, districtCode: string | null, { limit, offset }: Page) {
  return db.query<PersonRow>(
    `${PERSON} WHERE ($1::text IS NULL OR district_code = $1) ORDER BY id LIMIT $2 OFFSET $3`,
    [districtCode, limit, offset],
  );
}
