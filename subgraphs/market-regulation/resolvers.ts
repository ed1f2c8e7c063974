import {
  districtCodeArg,
  page,
  personReference,
  referenceKey,
  sharingReachField,
  sharingReachResolver,
  USCC,
  usccArg,
  type DepartmentContext,
} from '../kit';
import { MARKET_REGULATION_REACH } from './reach';
import { listEnterprises, type EnterpriseRow, type Loaders, type PenaltyRow } from './store';

type Context = DepartmentContext<Loaders>;

interface EnterprisesArgs {
  districtCode?: string | null;
  status?: string | null;
  nameContains?: string | null;
  limit?: number;
  offset?: number;
}

export const resolvers = {
  Query: {
    [sharingReachField('market-regulation')]: sharingReachResolver(MARKET_REGULATION_REACH),
    enterprise: (_: unknown, args: { uscc: string }, ctx: Context) =>
      ctx.loaders.enterprise.load(usccArg('uscc', args.uscc)),
    enterprises: async (_: unknown, args: EnterprisesArgs, ctx: Context) => {
      const filter = {
        districtCode: districtCodeArg(args.districtCode),
        status: args.status ?? null,
        nameContains: args.nameContains || null,
      };
      const rows = await listEnterprises(ctx.db, ctx.caller, filter, page(args));
      for (const row of rows) ctx.loaders.enterprise.prime(row.uscc, row);
      return rows;
    },
  },
  Enterprise: {
    __resolveReference: (ref: Record<string, unknown>, ctx: Context) => {
      const key = referenceKey(ref, 'uscc', USCC);
      return key && ctx.loaders.enterprise.load(key.uscc);
    },
    legalRepresentative: (enterprise: EnterpriseRow) => ({
      __typename: 'Person',
      id: enterprise.legalRepresentativeId,
    }),
    penalties: (enterprise: EnterpriseRow, _: unknown, ctx: Context) =>
      ctx.loaders.penalties.load(enterprise.uscc),
  },
  AdministrativePenalty: {
    authority: (penalty: PenaltyRow) => ({ __typename: 'Department', code: penalty.authorityCode }),
  },
  Person: {
    __resolveReference: personReference,
    enterprisesRepresented: async (person: { id: string }, _: unknown, ctx: Context) => {
      const rows = await ctx.loaders.enterprisesRepresented.load(person.id);
      for (const row of rows) ctx.loaders.enterprise.prime(row.uscc, row);
      return rows;
    },
  },
};
