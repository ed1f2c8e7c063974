import type { City } from '../../fixtures/city/types';
import { map, type LoadTable } from '../kit';

/** Health keeps birth medical certificates, vaccinations and medical visits. */
export async function seed(city: City, load: LoadTable): Promise<void> {
  await load(
    'birth_certificate',
    [
      'certificate_number',
      'child_id',
      'mother_id',
      'father_id',
      'birth_date',
      'gender',
      'hospital',
      'weight_grams',
      'district_code',
    ],
    map(city.birthCertificates(), (b) => [
      b.certificateNumber,
      b.childId,
      b.motherId,
      b.fatherId,
      b.birthDate,
      b.gender,
      b.hospital,
      b.weightGrams,
      b.districtCode,
    ]),
  );
  await load(
    'vaccination',
    ['person_id', 'vaccine', 'dose', 'administered_on', 'clinic'],
    map(city.vaccinations(), (v) => [v.personId, v.vaccine, v.dose, v.administeredOn, v.clinic]),
  );
  await load(
    'medical_visit',
    ['person_id', 'visited_on', 'hospital', 'diagnosis'],
    map(city.medicalVisits(), (v) => [v.personId, v.visitedOn, v.hospital, v.diagnosis]),
  );
}
