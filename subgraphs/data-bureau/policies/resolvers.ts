import { isExpired } from '../../../policies';
import type { DepartmentContext } from '../../kit';
import { optionalIdentifierArg } from '../../kit';
import { CONSUMER_NAME, knownNameArg } from '../arguments';
import type { Loaders } from '../loaders';
import { fieldTypes, listFields, readersOf, type FieldRow } from './catalogue';
import { governance } from './deployment';
import { listGrants, listPurposes, type GrantRow } from './grants';

type Context = DepartmentContext<Loaders>;

interface GrantsArgs {
  provider?: string | null;
  consumerDepartment?: string | null;
  purpose?: string | null;
}

const departments = new Set([...governance.classification.values()].flatMap((l) => l.owner ?? []));
const purposeCodes = governance.policies.purposes.map((p) => p.code);

const expiredNow = (row: { expires: string | null }) =>
  row.expires !== null && isExpired(row.expires, new Date());

/** The policies for auditors: Query.grants, Query.purposes, Query.fieldCatalogue. */
export const policyResolvers = {
  Query: {
    grants: (_: unknown, args: GrantsArgs, ctx: Context) => {
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
      return ctx.loaders.governance.visible('Grant', listGrants(filter));
    },
    purposes: (_: unknown, __: unknown, ctx: Context) =>
      ctx.loaders.governance.visible('Purpose', listPurposes()),
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
    readers: (field: FieldRow, _: unknown, ctx: Context) =>
      ctx.loaders.governance.visible('Reader', readersOf(field)),
  },
  Reader: { expired: expiredNow },
};
