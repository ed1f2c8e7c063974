import { rowLoader, rowsLoader, type Database, type Page } from '../kit';

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

export function createLoaders(db: Database) {
  return {
    certificate: rowLoader<BirthCertificateRow>(
      db,
      `${CERTIFICATE} WHERE certificate_number = ANY($1)`,
      'certificateNumber',
    ),
    certificateOfChild: rowLoader<BirthCertificateRow>(
      db,
      `${CERTIFICATE} WHERE child_id = ANY($1)`,
      'childId',
    ),
    /** A person's vaccinations, oldest first. */
    vaccinations: rowsLoader<VaccinationRow>(
      db,
      `SELECT person_id AS "personId", vaccine, dose, administered_on AS "administeredOn", clinic
         FROM vaccination WHERE person_id = ANY($1) ORDER BY person_id, administered_on, vaccine, dose`,
      'personId',
    ),
    /** A person's visits, newest first. */
    medicalRecords: rowsLoader<MedicalRecordRow>(
      db,
      `SELECT person_id AS "personId", visited_on AS "visitedOn", hospital, diagnosis
         FROM medical_visit WHERE person_id = ANY($1) ORDER BY person_id, visited_on DESC, hospital`,
      'personId',
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface BirthFilter {
  districtCode: string | null;
  bornOnOrAfter: string | null;
}

/** Certificates by district and birth date, newest first. */
export function listBirthCertificates(db: Database, filter: BirthFilter, { limit, offset }: Page) {
  return db.query<BirthCertificateRow>(
    `${CERTIFICATE}
      WHERE ($1::text IS NULL OR district_code = $1) AND ($2::date IS NULL OR birth_date >= $2)
      ORDER BY birth_date DESC, certificate_number LIMIT $3 OFFSET $4`,
    [filter.districtCode, filter.bornOnOrAfter, limit, offset],
  );
}
