import {
  page,
  personReference,
  referenceKey,
  sharingReachField,
  sharingReachResolver,
  USCC,
  type DepartmentContext,
} from '../kit';
import { ratingYearArg } from './arguments';
import { TAX_REACH } from './reach';
import {
  listTaxpayersByCredit,
  type Loaders,
  type TaxCreditLevel,
  type TaxpayerRow,
} from './store';

type Context = DepartmentContext<Loaders>;

interface ByCreditArgs {
  level: TaxCreditLevel;
  year?: number | null;
  limit?: number;
  offset?: number;
}

export const resolvers = {
  Query: {
    [sharingReachField('tax')]: sharingReachResolver(TAX_REACH),
    enterprisesByTaxCredit: async (_: unknown, args: ByCreditArgs, ctx: Context) => {
      const rows = await listTaxpayersByCredit(
        ctx.db,
        ctx.caller,
        args.level,
        ratingYearArg(args.year),
        page(args),
      );
      for (const row of rows) ctx.loaders.taxpayer.prime(row.uscc, row);
      return rows;
    },
  },
  Enterprise: {
    __resolveReference: (ref: Record<string, unknown>, ctx: Context) => {
      const key = referenceKey(ref, 'uscc', USCC);
      return key && ctx.loaders.taxpayer.load(key.uscc);
    },
    taxCreditRating: (taxpayer: TaxpayerRow) =>
      taxpayer.ratingYear === null
        ? null
        : { year: taxpayer.ratingYear, level: taxpayer.ratingLevel },
  },
  Person: {
    __resolveReference: personReference,
    annualIncomes: (person: { id: string }, _: unknown, ctx: Context) =>
      ctx.loaders.incomes.load(person.id),
  },
};
