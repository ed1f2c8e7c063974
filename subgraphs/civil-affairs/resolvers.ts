import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../contracts/errors';
import {
  districtCodeArg,
  page,
  personReference,
  sharingReachField,
  sharingReachResolver,
  type DepartmentContext,
} from '../kit';
import { marriages } from './marriages';
import { CIVIL_AFFAIRS_REACH } from './reach';
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

// Not null in the schema, and "SINGLE" would be a false answer: the person is not served.
function closedStatus(ctx: Context): never {
  throw new GraphQLError(
    `Person.maritalStatus is not open for this person under purpose '${ctx.caller.purpose}': ` +
      'no policy rule opening it has row conditions this person matches.',
    { extensions: { code: ErrorCode.FORBIDDEN } },
  );
}

export const resolvers = {
  Query: {
    subsistenceAllowances: (_: unknown, args: AllowancesArgs, ctx: Context) =>
      listAllowances(
        ctx.db,
        ctx.caller,
        { districtCode: districtCodeArg(args.districtCode), status: args.status ?? null },
        page(args),
      ),
    [sharingReachField('civil-affairs')]: sharingReachResolver(CIVIL_AFFAIRS_REACH),
  },
  Person: {
    // Public security owns persons: every id resolves here, with no record meaning none.
    __resolveReference: personReference,
    maritalStatus: async (ref: PersonRef, _: unknown, ctx: Context) =>
      marriages(await ctx.loaders.parties.load(ref.id)).status ?? closedStatus(ctx),
    marriageRecords: async (ref: PersonRef, _: unknown, ctx: Context) =>
      marriages(await ctx.loaders.parties.load(ref.id)).records,
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
