import { isExpired } from '../../../policies';
import type { DepartmentContext } from '../../kit';
import { optionalIdentifierArg } from '../../kit';
import { CONSUMER_NAME, knownNameArg } from '../arguments';
import type { Loaders } from '../loaders';
import { fieldTypes, listFields, readersOf, type FieldRow } from './catalogue';
import { governance } from './deployment';
import { currentPolicies } from './live';
import { listGrants, listPurposes, type GrantRow } from './grants';

type Context = DepartmentContext<Loaders>;

interface GrantsArgs {
  provider?: string | null;
  consumerDepartment?: string | null;
  purpose?: string | null;
}

const departments = new Set([...governance.classification.values()].flatMap((l) => l.owner ?? []));

const expiredNow = (row: { expires: string | null }) =>
  row.expires !== null && isExpired(row.expires, new Date());

/** The policies for auditors: Query.grants, Query.purposes, Query.fieldCatalogue. */
export const policyResolvers = {
  Query: {
    grants: async (_: unknown, args: GrantsArgs, ctx: Context) => {
      const policies = await currentPolicies(ctx.db);
      const purposeCodes = policies.purposes.map((p) => p.code);
      const filter = {
        provider: knownNameArg(
          'provider',
          args.provider,
          "a department's subgraph name",
          departments,
        ),
        consumerDepartment: optionalIdentifierArg(
          'consumerDepartment',
          args.consumerDepartment,
          CONSUMER_NAME,
        ),
        purpose: knownNameArg('purpose', args.purpose, 'a purpose code', purposeCodes),
      };
      return ctx.loaders.governance.visible('Grant', listGrants(policies, filter));
    },
    purposes: async (_: unknown, __: unknown, ctx: Context) =>
      ctx.loaders.governance.visible('Purpose', listPurposes(await currentPolicies(ctx.db))),
    fieldCatalogue: (_: unknown, args: { type?: string | null }, ctx: Context) => {
      const type = knownNameArg('type', args.type, 'an object type of the graph', fieldTypes);
      return ctx.loaders.governance.visible('FieldClassification', listFields(type));
    },
  },
  Grant: {
    purposes: (grant: GrantRow, _: unknown, ctx: Context) =>
      ctx.loaders.governance.visible('Purpose', grant.purposes),
    expired: expiredNow,
  },
  FieldClassification: {
    readers: async (field: FieldRow, _: unknown, ctx: Context) =>
      ctx.loaders.governance.visible('Reader', readersOf(await currentPolicies(ctx.db), field)),
  },
  Reader: { expired: expiredNow },
};
