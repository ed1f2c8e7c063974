import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../contracts/errors';
import type { PolicySet } from '../../../policies';
import {
  amendLatest,
  waitForReceipt,
  type Receipt,
  type RevisionInput,
} from '../../../policy-store';
import type { Database } from '../../kit';
import { governance } from '../policies/deployment';
import { policyStore } from '../policies/live';
import { sharingConfig } from '../policies/live-config';

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
