import type { DataResource, ServiceItem } from './types';
import { DEPARTMENTS, type MunicipalKey, municipalDepartment } from './departments';
import { MUNICIPAL_CODE } from './districts';
import { digits } from './scramble';
import { CATEGORY_CODES, DATA_RESOURCES, SERVICE_ITEMS } from './service-terms';

/**
 * Service items and data resources of the municipal departments. Like the departments
 * they are fixed, not drawn from the seed. Codes carry the department's position in the
 * registry, e.g. '510100-003-XK-0001'.
 */

const departmentNumber = (key: MunicipalKey): string =>
  digits(DEPARTMENTS.indexOf(municipalDepartment(key)) + 1, 3);

const keys = Object.keys(SERVICE_ITEMS) as MunicipalKey[];

/** About five items per municipal department. */
export const SERVICE_ITEM_LIST: readonly ServiceItem[] = Object.freeze(
  keys.flatMap((key) =>
    SERVICE_ITEMS[key].map(([name, category, promisedDays, onlineAvailable], i) =>
      Object.freeze({
        code: `${MUNICIPAL_CODE}-${departmentNumber(key)}-${CATEGORY_CODES[category]}-${digits(i + 1, 4)}`,
        name,
        departmentCode: municipalDepartment(key).code,
        category,
        onlineAvailable,
        promisedDays,
      }),
    ),
  ),
);

/** Three resources per department with a subgraph. */
export const DATA_RESOURCE_LIST: readonly DataResource[] = Object.freeze(
  keys.flatMap((key) =>
    (DATA_RESOURCES[key] ?? []).map(([name, sharingClass, updateFrequency], i) =>
      Object.freeze({
        code: `DR${MUNICIPAL_CODE}-${departmentNumber(key)}-${digits(i + 1, 3)}`,
        name,
        departmentCode: municipalDepartment(key).code,
        sharingClass,
        updateFrequency,
      }),
    ),
  ),
);
