import type { DepartmentContext } from '../../kit';
import { departmentCodeArg } from '../../kit';
import type { Loaders } from '../loaders';
import { listDataResources, type DataResourceRow } from './store';

type Context = DepartmentContext<Loaders>;

/** The data catalogue (数据目录): Query.dataResources and DataResource. */
export const catalogueResolvers = {
  Query: {
    dataResources: (_: unknown, args: { departmentCode?: string | null }, ctx: Context) =>
      listDataResources(
        ctx.db,
        ctx.caller,
        departmentCodeArg('departmentCode', args.departmentCode),
      ),
  },
  DataResource: {
    department: (resource: DataResourceRow, _: unknown, ctx: Context) =>
      ctx.loaders.department.load(resource.departmentCode),
  },
};
