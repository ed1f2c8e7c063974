import type { City } from '../../fixtures/city/types';
import { flatMap, map, type LoadTable } from '../kit';

/** Public security keeps persons and their household registration. */
export async function seed(city: City, load: LoadTable): Promise<void> {
  await load(
    'household',
    ['id', 'district_code', 'address', 'head_id', 'size'],
    map(city.households(), (h) => [
      h.id,
      h.districtCode,
      h.address,
      h.members[0]!.id,
      h.members.length,
    ]),
  );
  await load(
    'person',
    [
      'id',
      'id_number',
      'name',
      'gender',
      'birth_date',
      'ethnicity',
      'district_code',
      'address',
      'mobile',
      'household_id',
      'relation_to_head',
    ],
    flatMap(city.households(), (h) =>
      h.members.map((p) => [
        p.id,
        p.idNumber,
        p.name,
        p.gender,
        p.birthDate,
        p.ethnicity,
        p.districtCode,
        p.address,
        p.mobile,
        h.id,
        p.relationToHead,
      ]),
    ),
  );
}
