import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../contracts/errors';
import type { PolicySet } from '../../../policies';
import {
  amendLatest,
  latestGoodRevision,
  openPolicyStore,
  waitForReceipt,
  type GoodRevision,
  type PolicyStore,
  type Receipt,
  type RevisionInput,
} from '../../../policy-store';
import type { Database } from '../../kit';
import { governance } from '../policies/deployment';
import { sharingConfig } from './config';

const stores = new Map<string, Promise<PolicyStore>>();

/** The policy store the data bureau writes to, opened once per process and location. */
function policyStore(db: Database): Promise<PolicyStore> {
  const config = sharingConfig();
  if (config.POLICY_SOURCE !== 'db') {
    throw new GraphQLError(
      'This step writes a policy revision, and the data bureau runs with POLICY_SOURCE=files: set POLICY_SOURCE=db (the live policy) to approve, suspend or terminate.',
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

/** The policy set the data bureau's views follow: the live revision under POLICY_SOURCE=db. */
export async function livePolicies(db: Database, now: Date): Promise<GoodRevision | null> {
  if (sharingConfig().POLICY_SOURCE !== 'db') return null;
  return latestGoodRevision(await policyStore(db), governance.classification, now);
}

/** A revision written by a step, and its receipt. */
export interface Written {
  revision: number;
  receipt: Receipt;
}

/**
 * Amends the live policy (under the store's lock), then waits for the receipt: when the
 * revision was in force on every live replica, or who lags.
 */
export async function amendPolicy(
  db: Database,
  change: (current: PolicySet) => PolicySet,
  input: Omit<RevisionInput, 'content'>,
  now: Date,
): Promise<Written> {
  const store = await policyStore(db);
  const stored = await amendLatest(
    store,
    governance.classification,
    (current) => change(current.policies),
    input,
    now,
  ).catch((error: Error) => {
    throw new GraphQLError(`The policy revision was not written: ${error.message}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  });
  const receipt = await waitForReceipt(store, stored, {
    timeoutMs: sharingConfig().SHARING_RECEIPT_WAIT_MS,
  });
  return { revision: stored.revision, receipt };
}
