import { page, type DepartmentContext } from '../kit';
import { districtCodeArg } from './arguments';
import { maritalStatus } from './marital-status';
import {
  listAllowances,
  type AllowanceRow,
  type AllowanceStatus,
  type Loaders,
  type MarriageRecordRow,
} from './store';

type Context = DepartmentContext<Loaders>;

interface PersonRef {
  id: string;
}

interface AllowancesArgs {
  districtCode?: string | null;
  status?: AllowanceStatus | null;
  limit?: number;
  offset?: number;
}

const person = (id: string) => ({ __typename: 'Person' as const, id });

export const resolvers = {
  Query: {
    subsistenceAllowances: (_: unknown, args: AllowancesArgs, ctx: Context) =>
      listAllowances(
        ctx.db,
        { districtCode: districtCodeArg(args.districtCode), status: args.status ?? null },
        page(args),
      ),
  },
  Person: {
    // Public security owns persons: every id resolves here, with no record meaning none.
    __resolveReference: (ref: PersonRef) => ({ id: ref.id }),
    maritalStatus: async (ref: PersonRef, _: unknown, ctx: Context) =>
      maritalStatus(await ctx.loaders.marriageRecords.load(ref.id)),
    marriageRecords: (ref: PersonRef, _: unknown, ctx: Context) =>
      ctx.loaders.marriageRecords.load(ref.id),
    subsistenceAllowance: (ref: PersonRef, _: unknown, ctx: Context) =>
      ctx.loaders.allowanceOfMember.load(ref.id),
  },
  MarriageRecord: {
    spouse: (record: MarriageRecordRow) => person(record.spouseId),
  },
  SubsistenceAllowance: {
    applicant: (allowance: AllowanceRow) => person(allowance.applicantId),
  },
};
