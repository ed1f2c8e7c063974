import type pg from 'pg';
import type { Classification, PolicySet } from '../policies';
import { inTransaction } from '../postgres/transaction';
import { lintPolicies } from '../policies/tooling';
import { policiesFromContent, policyContent } from './content';
import type { RevisionInput, StoredRevision } from './revision';
import type { PolicyStore } from './store';

/** The newest good revision and its policy set. */
export interface GoodRevision {
  readonly revision: StoredRevision;
  readonly policies: PolicySet;
}

/** Lint errors of a policy set against the graph's classification, as lines. */
function lintErrors(policies: PolicySet, classification: Classification, now: Date): string[] {
  return lintPolicies(policies, classification, now)
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.grantId ?? f.file}: ${f.message}`);
}

/**
 * The newest revision that passes validation and lint: what the replicas serve (a newer one
 * that fails is refused by every replica). Suspensions, rollbacks and requests start from it.
 */
export async function latestGoodRevision(
  store: PolicyStore,
  classification: Classification,
  now: Date,
): Promise<GoodRevision | null> {
  for (let stored = await store.latest(); stored; stored = await store.get(stored.revision - 1)) {
    try {
      const policies = policiesFromContent(stored.content, stored.revision);
      if (lintErrors(policies, classification, now).length === 0) {
        return { revision: stored, policies };
      }
    } catch {
      // Invalid content: no replica serves it; look further back.
    }
  }
  return null;
}

/**
 * Appends a revision of `policies` once it passes lint against the classification (a revision
 * that fails lint never goes live, so it is not even stored); throws listing the errors. With
 * `client`, in the caller's transaction (PolicyStore.append).
 */
export async function appendLinted(
  store: PolicyStore,
  policies: PolicySet,
  classification: Classification,
  input: Omit<RevisionInput, 'content'>,
  now: Date,
  client?: pg.PoolClient,
): Promise<StoredRevision> {
  const errors = lintErrors(policies, classification, now);
  if (errors.length > 0) {
    throw new Error(`The revision is not stored: it fails lint.\n- ${errors.join('\n- ')}`);
  }
  return store.append({ ...input, content: policyContent(policies).text }, client);
}

/** Advisory lock key serializing read-modify-append of revisions by amendLatest. */
const AMEND_LOCK = 7_150_015;

/**
 * Reads the newest good revision, applies `change` and appends the result in `client`'s
 * transaction (a connection to the store's database), holding a transaction lock so two
 * amendments (two approvals at once) cannot both start from the same revision and lose one
 * another's grant: the lock and the revision are released and committed with the caller's
 * transaction, so a caller that writes its own record of the change in the same transaction
 * commits both or neither. `change` throws to refuse.
 */
export async function amendLatestIn(
  client: pg.PoolClient,
  store: PolicyStore,
  classification: Classification,
  change: (current: GoodRevision) => PolicySet,
  input: Omit<RevisionInput, 'content'>,
  now: Date,
): Promise<StoredRevision> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [AMEND_LOCK]);
  // Under the lock every earlier amendment has committed: the store's own reads see it.
  const current = await latestGoodRevision(store, classification, now);
  if (!current) throw new Error('The policy store has no revision that passes lint; import one.');
  return appendLinted(store, change(current), classification, input, now, client);
}

/** amendLatestIn in a transaction of the store's own. */
export function amendLatest(
  store: PolicyStore,
  classification: Classification,
  change: (current: GoodRevision) => PolicySet,
  input: Omit<RevisionInput, 'content'>,
  now: Date,
): Promise<StoredRevision> {
  return inTransaction(store.pool, (client) =>
    amendLatestIn(client, store, classification, change, input, now),
  );
}
