import { type PolicySet } from '../../../policies';
import { diffPolicies } from '../../../policies/diff';
import {
  DEFAULT_POLICY_SCHEMA,
  policiesFromContent,
  readReplicas,
  readRevision,
  readRevisions,
  type StoredRevision,
} from '../../../policy-store';
import { badInput, type DepartmentContext } from '../../kit';
import type { Loaders } from '../loaders';
import { listFields, readerRows } from './catalogue';
import { governance } from './deployment';

type Context = DepartmentContext<Loaders>;

/**
 * The policy store's schema in the data bureau's database: POLICY_SCHEMA, else the store's
 * default (policy_store). Read per call, so a test can point it at a scratch schema.
 */
export function policyStoreSchema(): string {
  const schema = process.env.POLICY_SCHEMA ?? DEFAULT_POLICY_SCHEMA;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error('POLICY_SCHEMA must be a lowercase PostgreSQL identifier, e.g. policy_store.');
  return schema;
}

/** The largest list of revisions one request may ask for. */
export const MAX_REVISIONS = 200;

/** Revision 0: the policy files the deployment reads. */
const FILES_REVISION = {
  revision: 0,
  parent: null,
  cause: 'files',
  author: 'policies/',
  note: null,
  createdAt: null,
  effectiveAt: null,
  urgent: false,
  contentSha256: null,
};

/** Policy revisions, their differences and the replicas serving them (policy-store/). */
export const revisionResolvers = {
  Query: {
    policyRevisions: async (_: unknown, args: { first?: number | null }, ctx: Context) => {
      const first = args.first ?? 20;
      if (first < 1 || first > MAX_REVISIONS)
        throw badInput('first', `Ask for 1 to ${MAX_REVISIONS} revisions.`);
      const stored = await readRevisions(ctx.db.pool, { first, schema: policyStoreSchema() });
      return stored.length ? stored.map(revisionView) : [FILES_REVISION];
    },
    policyDiff: async (_: unknown, args: { from: number; to: number }, ctx: Context) => {
      const [from, to] = await Promise.all([
        policiesAt(ctx, 'from', args.from),
        policiesAt(ctx, 'to', args.to),
      ]);
      return diffPolicies(from, to);
    },
    policyReaders: async (
      _: unknown,
      args: { coordinate: string; revision: number },
      ctx: Context,
    ) => {
      const field = listFields(null).find((f) => f.coordinate === args.coordinate);
      if (!field) throw badInput('coordinate', 'Name a field of the graph as Type.field.');
      return readerRows(await policiesAt(ctx, 'revision', args.revision), field);
    },
    policyReplicas: (_: unknown, __: unknown, ctx: Context) =>
      readReplicas(ctx.db.pool, policyStoreSchema()),
  },
};

async function policiesAt(ctx: Context, argument: string, revision: number): Promise<PolicySet> {
  if (revision === 0) return governance.policies;
  const stored =
    revision > 0 ? await readRevision(ctx.db.pool, revision, policyStoreSchema()) : null;
  if (!stored) throw badInput(argument, `There is no policy revision ${revision}.`);
  return policiesFromContent(stored.content, stored.revision);
}

function revisionView({ content: _content, prevHash: _p, hash: _h, ...revision }: StoredRevision) {
  return revision;
}
