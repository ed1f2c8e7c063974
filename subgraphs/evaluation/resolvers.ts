import {
  DEPARTMENT_CODE,
  departmentCodeArg,
  identifierArg,
  page,
  personReference,
  referenceKey,
  SERVICE_ITEM_CODE,
  sharingReachField,
  sharingReachResolver,
  type DepartmentContext,
} from '../kit';
import { EVALUATION_REACH } from './reach';
import { rectificationOf } from './rectification';
import {
  listServiceItems,
  newestKey,
  type EvaluationRow,
  type Loaders,
  type ServiceItemRow,
} from './store';

type Context = DepartmentContext<Loaders>;

interface ServiceItemsArgs {
  departmentCode?: string | null;
  limit?: number;
  offset?: number;
}

interface CodeRef {
  code: string;
}

interface PersonRef {
  id: string;
}

export const resolvers = {
  Query: {
    [sharingReachField('evaluation')]: sharingReachResolver(EVALUATION_REACH),
    serviceItem: (_: unknown, args: { code: string }, ctx: Context) =>
      ctx.loaders.serviceItem.load(identifierArg('code', args.code, SERVICE_ITEM_CODE)),
    serviceItems: async (_: unknown, args: ServiceItemsArgs, ctx: Context) => {
      const departmentCode = departmentCodeArg('departmentCode', args.departmentCode);
      const rows = await listServiceItems(ctx.db, ctx.caller, departmentCode, page(args));
      for (const row of rows) ctx.loaders.serviceItem.prime(row.code, row);
      return rows;
    },
  },
  ServiceItem: {
    __resolveReference: (ref: Record<string, unknown>, ctx: Context) => {
      const key = referenceKey(ref, 'code', SERVICE_ITEM_CODE);
      return key && ctx.loaders.serviceItem.load(key.code);
    },
    department: (item: ServiceItemRow) => ({ __typename: 'Department', code: item.departmentCode }),
    ratingSummary: (item: ServiceItemRow, _: unknown, ctx: Context) =>
      ctx.loaders.serviceItemSummary.load(item.code),
    evaluations: (item: ServiceItemRow, args: { limit?: number }, ctx: Context) =>
      ctx.loaders.newestEvaluations.load(newestKey(item.code, page({ limit: args.limit }).limit)),
  },
  Evaluation: {
    serviceItem: (evaluation: EvaluationRow, _: unknown, ctx: Context) =>
      ctx.loaders.serviceItem.load(evaluation.serviceItemCode),
    evaluator: (evaluation: EvaluationRow) => ({
      __typename: 'Person',
      id: evaluation.evaluatorId,
    }),
    rectification: rectificationOf,
  },
  Department: {
    // The data bureau owns departments: every code resolves here, without items meaning none.
    __resolveReference: (ref: Record<string, unknown>) =>
      referenceKey(ref, 'code', DEPARTMENT_CODE),
    serviceItems: async (department: CodeRef, _: unknown, ctx: Context) => {
      const rows = await ctx.loaders.serviceItemsOfDepartment.load(department.code);
      for (const row of rows) ctx.loaders.serviceItem.prime(row.code, row);
      return rows;
    },
    ratingSummary: (department: CodeRef, _: unknown, ctx: Context) =>
      ctx.loaders.departmentSummary.load(department.code),
  },
  Person: {
    // Public security owns persons: every id resolves here, without ratings meaning none.
    __resolveReference: personReference,
    evaluations: (person: PersonRef, _: unknown, ctx: Context) =>
      ctx.loaders.evaluationsByEvaluator.load(person.id),
  },
};
