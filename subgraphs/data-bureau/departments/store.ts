import type { Department } from '../../../fixtures/city/types';
import { rowLoader, type Caller, type Database } from '../../kit';

export interface DepartmentRow extends Record<string, unknown> {
  code: string;
  name: string;
  nameEn: string;
  level: Department['level'];
  districtCode: string;
  subgraph: string | null;
  parentCode: string | null;
}

export interface DepartmentFilter {
  level: Department['level'] | null;
  districtCode: string | null;
}

const DEPARTMENT = `SELECT code, name, name_en AS "nameEn", level, district_code AS "districtCode",
  subgraph, parent_code AS "parentCode" FROM department`;

/**
 * The fields a Department row condition may name, as columns of `department`. The registry is
 * UNCONDITIONAL (TRUE for any authenticated consumer); the filter keeps it failing closed.
 */
const DEPARTMENT_ROW = { code: 'code', districtCode: 'district_code', parent: 'parent_code' };

/** Per-request loader of departments by code (queries, references and parents alike). */
export function departmentLoaders(db: Database, caller: Caller) {
  const params: unknown[] = [undefined]; // $1: the codes
  const rows = caller.rowFilter('Department', DEPARTMENT_ROW, params);
  return {
    department: rowLoader<DepartmentRow>(
      db,
      `${DEPARTMENT} WHERE code = ANY($1) AND ${rows}`,
      'code',
      params.slice(1),
    ),
  };
}

/** The departments the caller may read, optionally of one level or district, by code. */
export function listDepartments(
  db: Database,
  caller: Caller,
  filter: DepartmentFilter,
): Promise<DepartmentRow[]> {
  const params: unknown[] = [filter.level, filter.districtCode];
  const rows = caller.rowFilter('Department', DEPARTMENT_ROW, params);
  return db.query<DepartmentRow>(
    `${DEPARTMENT} WHERE ($1::text IS NULL OR level = $1) AND ($2::text IS NULL OR district_code = $2)
        AND ${rows}
      ORDER BY code`,
    params,
  );
}
