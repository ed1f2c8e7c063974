import {
  rowLoader,
  rowsLoader,
  type Caller,
  type Database,
  type Page,
  type RowFilter,
} from '../kit';

export interface BirthCertificateRow extends Record<string, unknown> {
  certificateNumber: string;
  childId: string;
  motherId: string;
  fatherId: string | null;
  birthDate: string;
  gender: 'MALE' | 'FEMALE';
  hospital: string;
  weightGrams: number;
  districtCode: string;
}

export interface VaccinationRow extends Record<string, unknown> {
  personId: string;
  vaccine: string;
  dose: number;
  administeredOn: string;
  clinic: string;
}

export interface MedicalRecordRow extends Record<string, unknown> {
  personId: string;
  visitedOn: string;
  hospital: string;
  diagnosis: string;
}

const CERTIFICATE = `SELECT certificate_number AS "certificateNumber", child_id AS "childId",
  mother_id AS "motherId", father_id AS "fatherId", birth_date AS "birthDate", gender, hospital,
  weight_grams AS "weightGrams", district_code AS "districtCode" FROM birth_certificate`;

/** BirthCertificate fields a row condition may use, as columns of `birth_certificate`. */
export const CERTIFICATE_COLUMNS = {
  certificateNumber: 'certificate_number',
  child: 'child_id',
  mother: 'mother_id',
  father: 'father_id',
  districtCode: 'district_code',
};

/** The row filters of a person's vaccinations (the loader, and the persons a grant opens). */
export const VACCINATION_FILTERS: readonly RowFilter[] = [
  ['Person', { id: 'person_id' }, 'vaccinations'],
  ['Vaccination', { vaccine: 'vaccine', clinic: 'clinic' }],
];

/**
 * The WHERE condition of a batch loader keeping only the rows every filter opens, and its
 * parameters, which follow $1 (the batch's keys).
 */
function batchFilter(caller: Caller, ...filters: RowFilter[]) {
  const params: unknown[] = [null];
  const sql = filters
    .map(([type, columns, field]) => caller.rowFilter(type, columns, params, field))
    .join(' AND ');
  return { sql, params: params.slice(1) };
}

/** Per-request loaders, their SQL restricted to the rows the caller's rules open. */
export function createLoaders(db: Database, caller: Caller) {
  const certificate = batchFilter(caller, ['BirthCertificate', CERTIFICATE_COLUMNS]);
  const ofChild = batchFilter(
    caller,
    ['Person', { id: 'child_id' }, 'birthCertificate'],
    ['BirthCertificate', CERTIFICATE_COLUMNS],
  );
  const vaccinations = batchFilter(caller, ...VACCINATION_FILTERS);
  const visits = batchFilter(
    caller,
    ['Person', { id: 'person_id' }, 'medicalRecords'],
    ['MedicalRecord', { hospital: 'hospital' }],
  );
  return {
    certificate: rowLoader<BirthCertificateRow>(
      db,
      `${CERTIFICATE} WHERE certificate_number = ANY($1) AND ${certificate.sql}`,
      'certificateNumber',
      certificate.params,
    ),
    certificateOfChild: rowLoader<BirthCertificateRow>(
      db,
      `${CERTIFICATE} WHERE child_id = ANY($1) AND ${ofChild.sql}`,
      'childId',
      ofChild.params,
    ),
    /** A person's vaccinations, oldest first. */
    vaccinations: rowsLoader<VaccinationRow>(
      db,
      `SELECT person_id AS "personId", vaccine, dose, administered_on AS "administeredOn", clinic
         FROM vaccination WHERE person_id = ANY($1) AND ${vaccinations.sql}
        ORDER BY person_id, administered_on, vaccine, dose`,
      'personId',
      vaccinations.params,
    ),
    /** A person's visits, newest first. */
    medicalRecords: rowsLoader<MedicalRecordRow>(
      db,
      `SELECT person_id AS "personId", visited_on AS "visitedOn", hospital, diagnosis
         FROM medical_visit WHERE person_id = ANY($1) AND ${visits.sql}
        ORDER BY person_id, visited_on DESC, hospital`,
      'personId',
      visits.params,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface BirthFilter {
  districtCode: string | null;
  bornOnOrAfter: string | null;
}

/** Certificates by district and birth date that the caller may read, newest first. */
export function listBirthCertificates(
  db: Database,
  caller: Caller,
  filter: BirthFilter,
  { limit, offset }: Page,
) {
  const params: unknown[] = [filter.districtCode, filter.bornOnOrAfter, limit, offset];
  const open = caller.rowFilter('BirthCertificate', CERTIFICATE_COLUMNS, params);
  return db.query<BirthCertificateRow>(
    `${CERTIFICATE}
      WHERE ($1::text IS NULL OR district_code = $1) AND ($2::date IS NULL OR birth_date >= $2)
        AND ${open}
      ORDER BY birth_date DESC, certificate_number LIMIT $3 OFFSET $4`,
    params,
  );
}
