import type { Department } from '../../city/types';
import { rowLoader, type Database } from '../../kit';

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

/** Per-request loader of departments by code (queries, references and parents alike). */
export function departmentLoaders(db: Database) {
  return {
    department: rowLoader<DepartmentRow>(db, `${DEPARTMENT} WHERE code = ANY($1)`, 'code'),
  };
}

/** The registry, optionally of one level or district, ordered by code. */
export function listDepartments(db: Database, filter: DepartmentFilter): Promise<DepartmentRow[]> {
  return db.query<DepartmentRow>(
    `${DEPARTMENT} WHERE ($1::text IS NULL OR level = $1) AND ($2::text IS NULL OR district_code = $2)
      ORDER BY code`,
    [filter.level, filter.districtCode],
  );
}
