import type { DataResource } from '../../../fixtures/city/types';
import type { Caller, Database } from '../../kit';

export interface DataResourceRow extends Record<string, unknown> {
  code: string;
  name: string;
  departmentCode: string;
  sharingClass: DataResource['sharingClass'];
  updateFrequency: DataResource['updateFrequency'];
}

/**
 * The fields a DataResource row condition may name, as columns of `data_resource`. The
 * catalogue is UNCONDITIONAL (TRUE for any authenticated consumer); the filter keeps it failing
 * closed.
 */
const DATA_RESOURCE_ROW = { code: 'code', department: 'department_code' };

/** The catalogue's resources the caller may read, optionally of one department, by code. */
export function listDataResources(
  db: Database,
  caller: Caller,
  departmentCode: string | null,
): Promise<DataResourceRow[]> {
  const params: unknown[] = [departmentCode];
  const rows = caller.rowFilter('DataResource', DATA_RESOURCE_ROW, params);
  return db.query<DataResourceRow>(
    `SELECT code, name, department_code AS "departmentCode", sharing_class AS "sharingClass",
            update_frequency AS "updateFrequency"
       FROM data_resource WHERE ($1::text IS NULL OR department_code = $1) AND ${rows}
      ORDER BY code`,
    params,
  );
}
