import {
  personReference,
  referenceKey,
  sharingReachField,
  sharingReachResolver,
  USCC,
  type DepartmentContext,
} from '../kit';
import { accountNumberArg } from './arguments';
import { HUMAN_RESOURCES_REACH } from './reach';
import type { AccountRow, EmployerRow, Loaders } from './store';

type Context = DepartmentContext<Loaders>;

export const resolvers = {
  Query: {
    [sharingReachField('human-resources')]: sharingReachResolver(HUMAN_RESOURCES_REACH),
    socialInsuranceAccount: async (_: unknown, args: { accountNumber: string }, ctx: Context) => {
      const account = await ctx.loaders.account.load(accountNumberArg(args.accountNumber));
      if (account) ctx.loaders.accountOfHolder.prime(account.holderId, account);
      return account;
    },
  },
  SocialInsuranceAccount: {
    holder: (account: AccountRow) => ({ __typename: 'Person', id: account.holderId }),
    employer: (account: AccountRow) =>
      account.employerUscc ? { __typename: 'Enterprise', uscc: account.employerUscc } : null,
  },
  Person: {
    __resolveReference: personReference,
    employmentStatus: async (person: { id: string }, _: unknown, ctx: Context) => {
      const account = await ctx.loaders.accountOfHolder.load(person.id);
      return account?.employmentStatusReadable ? account.employmentStatus : null;
    },
    socialInsurance: async (person: { id: string }, _: unknown, ctx: Context) => {
      const account = await ctx.loaders.accountOfHolder.load(person.id);
      return account?.socialInsuranceReadable ? account : null;
    },
  },
  Enterprise: {
    __resolveReference: (ref: Record<string, unknown>, ctx: Context) => {
      const key = referenceKey(ref, 'uscc', USCC);
      return key && ctx.loaders.employer.load(key.uscc);
    },
    socialInsurance: (employer: EmployerRow) => employer,
  },
};
