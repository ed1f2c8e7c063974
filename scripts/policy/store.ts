import { loadPolicies, type PolicySet } from '../../policies';
import { diffPolicies } from '../../policies/tooling';
import {
  appendLinted,
  latestGoodRevision,
  openPolicyStore,
  policiesFromContent,
  waitForReceipt,
  type GoodRevision,
  type PolicyStore,
  type Receipt,
  type RevisionInput,
  type StoredRevision,
} from '../../policy-store';
import { openToolStore } from '../stack/store';
import type { CommandEnv } from './command';
import { loadGraph } from './graph';

/** The policy store the commands work on: POLICY_DATABASE_URL, DATABASE_URL, or npm start's. */
export async function withPolicyStore<T>(
  env: CommandEnv,
  work: (store: PolicyStore) => Promise<T>,
): Promise<T> {
  const given = env.policyDatabaseUrl ?? process.env.POLICY_DATABASE_URL;
  const tool = given ? null : await openToolStore();
  const store = await openPolicyStore({ url: given ?? tool!.url, maxConnections: 2 });
  try {
    return await work(store);
  } finally {
    await store.close();
    await tool?.stop();
  }
}

/** A revision's policy set, or the policy files for 'files'; throws naming a missing revision. */
export async function policiesAt(store: PolicyStore, at: string, dir?: string): Promise<PolicySet> {
  if (at === 'files') return loadPolicies(dir);
  const stored = await revisionAt(store, at);
  return policiesFromContent(stored.content, stored.revision);
}

/**
 * The newest revision that passes validation and lint: what the replicas serve (a newer one
 * that fails is refused by every replica). Suspensions and rollbacks start from it.
 */
export function latestGood(store: PolicyStore, now: Date): Promise<GoodRevision | null> {
  return latestGoodRevision(store, loadGraph().classification, now);
}

/** Revision `at` (a number, or 'latest'); throws when there is none. */
export async function revisionAt(store: PolicyStore, at: string): Promise<StoredRevision> {
  const stored = at === 'latest' ? await store.latest() : await store.get(Number(at));
  if (!stored) {
    throw new Error(
      at === 'latest'
        ? "The policy store has no revision yet; run 'npm run policy -- import'."
        : `The policy store has no revision ${at}.`,
    );
  }
  return stored;
}

/**
 * Appends a revision of `policies` once it passes lint against the supergraph (a revision that
 * fails lint never goes live, so it is not even stored); throws listing the errors.
 */
export function appendChecked(
  store: PolicyStore,
  policies: PolicySet,
  input: Omit<RevisionInput, 'content'>,
  now: Date,
): Promise<StoredRevision> {
  return appendLinted(store, policies, loadGraph().classification, input, now);
}

/** Whether `to` closes anything `from` opens: such a revision is urgent (it raises the watermark). */
export function closesAccess(from: PolicySet, to: PolicySet): boolean {
  return diffPolicies(from, to).some((c) => c.change !== 'opened');
}

/** Waits for the receipt and says it in words. */
export async function receiptText(
  store: PolicyStore,
  revision: StoredRevision,
  waitMs: number,
): Promise<{ receipt: Receipt; text: string }> {
  const receipt = await waitForReceipt(store, revision, { timeoutMs: waitMs });
  const lines = [
    `Revision ${receipt.revision} committed at ${receipt.committedAt}.`,
    receipt.inForceEverywhereAt
      ? `In force on every live replica (${receipt.live.length}) since ${receipt.inForceEverywhereAt}.`
      : `Not yet in force everywhere:`,
    ...receipt.live.map((l) => `  live      ${l.replica} since ${l.ackedAt}`),
    ...receipt.rejected.map((r) => `  rejected  ${r.replica}: ${r.detail ?? ''}`),
    ...receipt.lagging.map(
      (l) =>
        `  lagging   ${l.replica}: fails closed by ${l.failsClosedAt} (last confirmed ${l.confirmedAt})`,
    ),
  ];
  return { receipt, text: `${lines.join('\n')}\n` };
}
