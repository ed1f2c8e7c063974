import type { Classification, PolicySet } from '../../policies';
import { lintPolicies } from '../../policies/tooling';
import {
  followRevisions,
  policiesFromContent,
  sha256,
  type Follower,
  type PolicyStore,
  type StoredRevision,
} from '../../policy-store';
import { DEFAULT_POLICY_LEASE_MS } from '../config';
import type { Logger } from '../logger';
import { compileRevision, type LivePolicy, type PolicyHolder, type PolicyStatus } from './holder';

/** A replica following the policy store: its holder, and the follower (tests cut it off). */
export interface LivePolicyHolder extends PolicyHolder {
  readonly follower: Follower;
  readonly replica: string;
}

/**
 * Serves the newest revision of the policy store that passes validation and lint, and follows
 * the store (NOTIFY, polling): each new revision is validated, linted and compiled off the
 * request path, swapped in at once, and acknowledged (live, or rejected with the reason). Every
 * check that has examined every revision renews the replica's lease; past the lease without one,
 * `current()` is the fail-closed policy (UNCONDITIONAL fields only). Throws when the store has
 * no revision that can go live.
 */
export async function startLivePolicy(options: {
  store: PolicyStore;
  /** The store's URL, for the NOTIFY listener's own connection. */
  url: string;
  replica: string;
  classification: Classification;
  logger: Logger;
  leaseMs?: number;
  pollMs?: number;
  /** LISTEN for new revisions (default); false: polling only. */
  listen?: boolean;
}): Promise<LivePolicyHolder> {
  const { store, replica, logger } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_POLICY_LEASE_MS;
  let live: { open: LivePolicy; closed: LivePolicy } | null = null;
  let livePolicies: PolicySet | null = null;
  // The serving supergraph's: every revision is linted and compiled against it.
  let classification = options.classification;
  let examined = 0;
  let confirmedAt = 0;
  let rejected: PolicyStatus['rejected'] = null;

  const examine = async (stored: StoredRevision): Promise<boolean> => {
    let compiled;
    try {
      compiled = validate(stored, classification);
    } catch (error) {
      const detail = (error as Error).message;
      rejected = { revision: stored.revision, detail };
      logger.error(
        { revision: stored.revision, detail },
        'policy revision refused: the last good one stays',
      );
      await store.acknowledge({ replica, revision: stored.revision, status: 'rejected', detail });
      return false;
    }
    live = compiled.live;
    livePolicies = compiled.policies;
    const ackedAt = new Date();
    if (rejected && rejected.revision < stored.revision) rejected = null;
    logger.info(
      {
        revision: stored.revision,
        sinceCommitMs: ackedAt.getTime() - Date.parse(stored.createdAt),
      },
      'policy revision live',
    );
    await store.acknowledge({
      replica,
      revision: stored.revision,
      status: 'live',
      detail: null,
      ackedAt,
    });
    return true;
  };

  const check = async () => {
    const started = Date.now();
    const pending = await store.pending(examined);
    for (const number of pending) {
      const stored = await store.get(number);
      if (stored && (await examine(stored))) break;
    }
    examined = Math.max(examined, pending[0] ?? 0);
    if (!live) return;
    await store.confirm(replica, live.open.revision, leaseMs, new Date(started));
    confirmedAt = started;
  };

  const follower = followRevisions({
    url: options.url,
    pollMs: options.pollMs,
    listen: options.listen,
    check,
    onError: (error) => logger.warn({ err: error }, 'policy store check failed'),
  });
  await follower.start();
  if (!live) {
    await follower.stop();
    throw new Error(
      'POLICY_SOURCE=db, but the policy store has no revision that passes validation and lint; ' +
        "import the policy files with 'npm run policy -- import'.",
    );
  }
  const failClosed = () => Date.now() - confirmedAt > leaseMs;
  return {
    follower,
    replica,
    current: () => (failClosed() ? live!.closed : live!.open),
    status: () => ({
      source: 'db',
      revision: live!.open.revision,
      failClosed: failClosed(),
      rejected,
    }),
    reclassify: (next) => {
      const revision = live!.open.revision;
      lintOrThrow(livePolicies!, next, `Revision ${revision}`);
      live = compileRevision(revision, livePolicies!, next);
      classification = next;
    },
    close: async () => {
      await follower.stop();
      await store.stopped(replica).catch(() => undefined);
    },
  };
}

function validate(stored: StoredRevision, classification: Classification) {
  if (sha256(stored.content) !== stored.contentSha256) {
    throw new Error(`Revision ${stored.revision}'s content does not match its sha256.`);
  }
  const policies = policiesFromContent(stored.content, stored.revision);
  lintOrThrow(policies, classification, `Revision ${stored.revision}`);
  return { live: compileRevision(stored.revision, policies, classification), policies };
}

function lintOrThrow(policies: PolicySet, classification: Classification, what: string): void {
  const errors = lintPolicies(policies, classification, new Date()).filter(
    (f) => f.severity === 'error',
  );
  if (errors.length > 0) {
    throw new Error(
      `${what} fails lint: ${errors
        .slice(0, 5)
        .map((f) => `${f.grantId ?? f.file}: ${f.message}`)
        .join(' ')}`,
    );
  }
}
