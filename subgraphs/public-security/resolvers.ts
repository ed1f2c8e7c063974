import {
  districtCodeArg,
  HOUSEHOLD_ID,
  identifierArg,
  page,
  PERSON_ID,
  referenceKey,
  residentIdArg,
  sharingReachField,
  sharingReachResolver,
  type DepartmentContext,
} from '../kit';
import { PUBLIC_SECURITY_REACH } from './reach';
import type { HouseholdRow, Loaders, PersonRow } from './store';
import { findPersonByIdNumber, listPersons } from './store';

type Context = DepartmentContext<Loaders>;

export const resolvers = {
  Query: {
    [sharingReachField('public-security')]: sharingReachResolver(PUBLIC_SECURITY_REACH),
    person: (_: unknown, args: { id: string }, ctx: Context) =>
      ctx.loaders.person.load(identifierArg('id', args.id, PERSON_ID)),
    personByIdNumber: async (_: unknown, args: { idNumber: string }, ctx: Context) => {
      const [person] = await findPersonByIdNumber(
        ctx.db,
        ctx.caller,
        residentIdArg('idNumber', args.idNumber),
      );
      return person ?? null;
    },
    persons: async (
      _: unknown,
      args: { districtCode?: string | null; limit?: number; offset?: number },
      ctx: Context,
    ) => {
      const rows = await listPersons(
        ctx.db,
        ctx.caller,
        districtCodeArg(args.districtCode),
        page(args),
      );
      for (const row of rows) ctx.loaders.person.prime(row.id, row);
      return rows;
    },
    household: (_: unknown, args: { id: string }, ctx: Context) =>
      ctx.loaders.household.load(identifierArg('id', args.id, HOUSEHOLD_ID)),
  },
  Person: {
    __resolveReference: (ref: Record<string, unknown>, ctx: Context) => {
      const key = referenceKey(ref, 'id', PERSON_ID);
      return key && ctx.loaders.person.load(key.id);
    },
    household: (person: PersonRow, _: unknown, ctx: Context) =>
      ctx.loaders.householdOf.load(person.id),
  },
  Household: {
    __resolveReference: (ref: Record<string, unknown>, ctx: Context) => {
      const key = referenceKey(ref, 'id', HOUSEHOLD_ID);
      return key && ctx.loaders.household.load(key.id);
    },
    head: (household: HouseholdRow, _: unknown, ctx: Context) =>
      ctx.loaders.head.load(household.id),
    members: (household: HouseholdRow, _: unknown, ctx: Context) =>
      ctx.loaders.members.load(household.id),
  },
};
