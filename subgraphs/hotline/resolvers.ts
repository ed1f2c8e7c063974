import {
  DEPARTMENT_CODE,
  departmentCodeArg,
  districtCodeArg,
  page,
  personReference,
  referenceKey,
  sharingReachField,
  sharingReachResolver,
  USCC,
  type DepartmentContext,
} from '../kit';
import { appealNumberArg } from './arguments';
import { HOTLINE_REACH } from './reach';
import type { AppealCountsRow, AppealEventRow, AppealRow, AppealStage, Loaders } from './store';
import { listAppeals } from './store';

type Context = DepartmentContext<Loaders>;

interface AppealsArgs {
  districtCode?: string | null;
  assignedTo?: string | null;
  status?: AppealStage | null;
  limit?: number;
  offset?: number;
}

const person = (id: string) => ({ __typename: 'Person' as const, id });
const enterprise = (uscc: string) => ({ __typename: 'Enterprise' as const, uscc });
const department = (code: string) => ({ __typename: 'Department' as const, code });

/** received, closed, open and mean rating; all zero for a department never assigned an appeal. */
function appealSummary(counts: AppealCountsRow | null) {
  const received = counts?.received ?? 0;
  const closed = counts?.closed ?? 0;
  return {
    received,
    closed,
    open: received - closed,
    averageSatisfaction: counts?.averageSatisfaction ?? null,
  };
}

export const resolvers = {
  Query: {
    [sharingReachField('hotline')]: sharingReachResolver(HOTLINE_REACH),
    appeal: (_: unknown, args: { number: string }, ctx: Context) =>
      ctx.loaders.appeal.load(appealNumberArg(args.number)),
    appeals: async (_: unknown, args: AppealsArgs, ctx: Context) => {
      const filter = {
        districtCode: districtCodeArg(args.districtCode),
        assignedTo: departmentCodeArg('assignedTo', args.assignedTo),
        status: args.status ?? null,
      };
      const rows = await listAppeals(ctx.db, ctx.caller, filter, page(args));
      for (const row of rows) ctx.loaders.appeal.prime(row.number, row);
      return rows;
    },
  },
  Appeal: {
    submitter: (appeal: AppealRow) => person(appeal.submitterId),
    enterprise: (appeal: AppealRow) =>
      appeal.enterpriseUscc ? enterprise(appeal.enterpriseUscc) : null,
    assignedTo: (appeal: AppealRow) => department(appeal.assignedToCode),
    timeline: (appeal: AppealRow, _: unknown, ctx: Context) =>
      ctx.loaders.timeline.load(appeal.number),
  },
  AppealEvent: {
    department: (event: AppealEventRow) => department(event.departmentCode),
  },
  // Persons, enterprises and departments are owned elsewhere: every key resolves here.
  Person: {
    __resolveReference: personReference,
    appeals: (ref: { id: string }, _: unknown, ctx: Context) =>
      ctx.loaders.bySubmitter.load(ref.id),
  },
  Enterprise: {
    __resolveReference: (ref: Record<string, unknown>) => referenceKey(ref, 'uscc', USCC),
    appeals: (ref: { uscc: string }, args: { limit?: number }, ctx: Context) =>
      ctx.loaders.aboutEnterprise.load({ key: ref.uscc, limit: page(args).limit }),
  },
  Department: {
    __resolveReference: (ref: Record<string, unknown>) =>
      referenceKey(ref, 'code', DEPARTMENT_CODE),
    appealSummary: async (ref: { code: string }, _: unknown, ctx: Context) =>
      appealSummary(await ctx.loaders.counts.load(ref.code)),
    appealsAssigned: (ref: { code: string }, args: { limit?: number }, ctx: Context) =>
      ctx.loaders.assignedTo.load({ key: ref.code, limit: page(args).limit }),
  },
};
