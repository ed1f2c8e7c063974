import {
  DEPARTMENT_CODE,
  departmentCodeArg,
  districtCodeArg,
  referenceKey,
  type DepartmentContext,
} from '../../kit';
import type { Loaders } from '../loaders';
import { listDepartments, type DepartmentFilter, type DepartmentRow } from './store';

type Context = DepartmentContext<Loaders>;

interface DepartmentsArgs {
  level?: DepartmentFilter['level'];
  districtCode?: string | null;
}

/** The department registry: Query.department(s) and the Department entity. */
export const departmentResolvers = {
  Query: {
    department: (_: unknown, args: { code: string }, ctx: Context) =>
      ctx.loaders.department.load(departmentCodeArg('code', args.code)),
    departments: async (_: unknown, args: DepartmentsArgs, ctx: Context) => {
      const filter = {
        level: args.level ?? null,
        districtCode: districtCodeArg(args.districtCode),
      };
      const rows = await listDepartments(ctx.db, ctx.caller, filter);
      for (const row of rows) ctx.loaders.department.prime(row.code, row);
      return rows;
    },
  },
  Department: {
    __resolveReference: (ref: Record<string, unknown>, ctx: Context) => {
      const key = referenceKey(ref, 'code', DEPARTMENT_CODE);
      return key && ctx.loaders.department.load(key.code);
    },
    parent: (department: DepartmentRow, _: unknown, ctx: Context) =>
      department.parentCode === null ? null : ctx.loaders.department.load(department.parentCode),
  },
};
