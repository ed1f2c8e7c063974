import type pg from 'pg';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../contracts/errors';
import type { PolicySet } from '../../../policies';
import {
  amendLatest,
  amendLatestIn,
  waitForReceipt,
  type Receipt,
  type RevisionInput,
  type StoredRevision,
} from '../../../policy-store';
import type { Database } from '../../kit';
import { governance } from '../policies/deployment';
import { policyStore } from '../policies/live';
import { sharingConfig } from '../policies/live-config';

/** A revision a step writes: how it changes the live policy, and the revision's header. */
export interface Revise {
  change: (current: PolicySet) => PolicySet;
  input: Omit<RevisionInput, 'content'>;
}

/** A revision written by a step, and its receipt. */
export interface Written {
  revision: number;
  receipt: Receipt;
}

/**
 * Whether the policy store is in the data bureau's own database (POLICY_DATABASE_URL unset,
 * or naming the same URL): then a step's revision is appended in the step's own transaction
 * and commits with its event, or not at all.
 */
export function storeIsLocal(db: Database): boolean {
  const url = sharingConfig().POLICY_DATABASE_URL;
  return url === undefined || url === db.pool.options.connectionString;
}

/**
 * Amends the live policy (under the store's lock): with `client`, in that transaction (the
 * step's, when storeIsLocal), else in a transaction of the store's own. Refusals (lint) are
 * the caller's: BAD_USER_INPUT naming what failed.
 */
export async function appendRevision(
  db: Database,
  revise: Revise,
  now: Date,
  client?: pg.PoolClient,
): Promise<StoredRevision> {
  const store = await policyStore(db);
  const change = (current: { policies: PolicySet }) => revise.change(current.policies);
  const appended = client
    ? amendLatestIn(client, store, governance.classification, change, revise.input, now)
    : amendLatest(store, governance.classification, change, revise.input, now);
  return appended.catch((error: Error) => {
    throw new GraphQLError(`The policy revision was not written: ${error.message}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  });
}

/**
 * Waits for a committed revision's receipt: when it was in force on every live replica, or
 * who lags. Only after the commit (before it, no replica can see the revision); `committedAt`:
 * when the step's transaction committed, for a revision appended in it.
 */
export async function receiptOf(
  db: Database,
  stored: StoredRevision,
  committedAt?: Date,
): Promise<Written> {
  const receipt = await waitForReceipt(await policyStore(db), stored, {
    timeoutMs: sharingConfig().SHARING_RECEIPT_WAIT_MS,
    ...(committedAt && { committedAt }),
  });
  return { revision: stored.revision, receipt };
}
