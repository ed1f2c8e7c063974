import type { DataResource } from '../../city/types';
import type { Database } from '../../kit';

export interface DataResourceRow extends Record<string, unknown> {
  code: string;
  name: string;
  departmentCode: string;
  sharingClass: DataResource['sharingClass'];
  updateFrequency: DataResource['updateFrequency'];
}

/** The data catalogue, optionally of one department, ordered by code. */
export function listDataResources(
  db: Database,
  departmentCode: string | null,
): Promise<DataResourceRow[]> {
  return db.query<DataResourceRow>(
    `SELECT code, name, department_code AS "departmentCode", sharing_class AS "sharingClass",
            update_frequency AS "updateFrequency"
       FROM data_resource WHERE ($1::text IS NULL OR department_code = $1) ORDER BY code`,
    [departmentCode],
  );
}
