import { badInput, type DepartmentContext } from '../../kit';
import { timeArg } from '../access-records/arguments';
import { accountIdArg } from '../incidents/input';
import { loadAnomalyPolicy } from '../incidents/policy';
import type { Loaders } from '../loaders';
import { officialProfile } from './profile';
import { grantQuotaUse, quotaDayArg } from './quota-use';

type Context = DepartmentContext<Loaders>;

const DAY_MS = 86_400_000;
/** The longest period a profile covers. */
export const MAX_PROFILE_DAYS = 92;
const policy = loadAnomalyPolicy();

/** Officials' profiles: volume, breadth and habits against peers of the same department and role. */
export const profileResolvers = {
  Query: {
    officialProfile: (
      _: unknown,
      args: { officialId: string; from?: string | null; to?: string | null },
      ctx: Context,
    ) => {
      const officialId = accountIdArg('officialId', args.officialId);
      const to = new Date(timeArg('to', args.to) ?? Date.now());
      const from = new Date(timeArg('from', args.from) ?? to.getTime() - 30 * DAY_MS);
      if (from >= to || to.getTime() - from.getTime() > MAX_PROFILE_DAYS * DAY_MS) {
        throw badInput(
          'from',
          `from must be before to, and at most ${MAX_PROFILE_DAYS} days before it.`,
        );
      }
      return officialProfile(ctx.db, ctx.caller, policy, { officialId, from, to });
    },
    grantQuotaUse: (_: unknown, args: { day?: string | null }, ctx: Context) =>
      grantQuotaUse(ctx.db, quotaDayArg(args.day)),
  },
};
