import type { City } from '../../fixtures/city/types';
import { officials } from '../../fixtures/city/officials';
import { map, type LoadTable } from '../kit';
import { seedSharingRequests } from './sharing/seed';

/** The data bureau keeps the department registry, the data catalogue, sharing requests and the directory of officials. */
export async function seed(city: City, load: LoadTable): Promise<void> {
  await load(
    'department',
    ['code', 'name', 'name_en', 'level', 'district_code', 'subgraph', 'parent_code'],
    map(city.departments(), (d) => [
      d.code,
      d.name,
      d.nameEn,
      d.level,
      d.districtCode,
      d.subgraph,
      d.parentCode,
    ]),
  );
  await load(
    'data_resource',
    ['code', 'name', 'department_code', 'sharing_class', 'update_frequency'],
    map(city.dataResources(), (r) => [
      r.code,
      r.name,
      r.departmentCode,
      r.sharingClass,
      r.updateFrequency,
    ]),
  );
  await seedSharingRequests(load);
  await load(
    'official',
    ['id', 'department', 'role', 'person_id', 'household'],
    officials(city).map((o) => [o.id, o.department, o.role, o.personId, o.household]),
  );
}
