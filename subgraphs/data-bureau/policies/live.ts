import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../contracts/errors';
import type { PolicySet } from '../../../policies';
import {
  latestGoodRevision,
  openPolicyStore,
  type GoodRevision,
  type PolicyStore,
} from '../../../policy-store';
import type { Database } from '../../kit';
import { governance } from './deployment';
import { sharingConfig } from './live-config';

const stores = new Map<string, Promise<PolicyStore>>();
const good = new WeakMap<PolicyStore, { latest: number; revision: GoodRevision | null }>();

/**
 * The policy store (POLICY_SOURCE=db), opened once per process and location: the data
 * bureau's own database unless POLICY_DATABASE_URL names another. Throws FORBIDDEN under
 * POLICY_SOURCE=files, where no revision can be written.
 */
export function policyStore(db: Database): Promise<PolicyStore> {
  const config = sharingConfig();
  if (config.POLICY_SOURCE !== 'db') {
    throw new GraphQLError(
      'This step writes a policy revision, and the data bureau runs with POLICY_SOURCE=files: set POLICY_SOURCE=db (the live policy) to approve, suspend, resume or terminate.',
      { extensions: { code: ErrorCode.FORBIDDEN } },
    );
  }
  const url = config.POLICY_DATABASE_URL ?? db.pool.options.connectionString!;
  const key = `${url}\n${config.POLICY_SCHEMA}`;
  let store = stores.get(key);
  if (!store) {
    store = openPolicyStore({ url, schema: config.POLICY_SCHEMA, maxConnections: 2 });
    stores.set(key, store);
    store.catch(() => stores.delete(key));
  }
  return store;
}

/** The live revision under POLICY_SOURCE=db (linted once per new revision), else null. */
export async function livePolicies(db: Database, now: Date): Promise<GoodRevision | null> {
  if (sharingConfig().POLICY_SOURCE !== 'db') return null;
  const store = await policyStore(db);
  const latest = (await store.latest())?.revision ?? 0;
  const cached = good.get(store);
  if (cached?.latest === latest) return cached.revision;
  const revision = await latestGoodRevision(store, governance.classification, now);
  good.set(store, { latest, revision });
  return revision;
}

/** The policies the data bureau's views follow: the live revision, or the deployment's files. */
export async function currentPolicies(db: Database): Promise<PolicySet> {
  return (await livePolicies(db, new Date()))?.policies ?? governance.policies;
}
