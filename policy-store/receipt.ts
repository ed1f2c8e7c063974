import { quoteIdent } from '../postgres/quote';
import type { StoredRevision } from './revision';
import { isoOf, type PolicyStore } from './store';

/** When a revision came into force on every replica serving when it was committed. */
export interface Receipt {
  revision: number;
  committedAt: string;
  /** The last live replica's acknowledgement; null while some replica lags. */
  inForceEverywhereAt: string | null;
  live: { replica: string; revision: number; ackedAt: string }[];
  /** Replicas that examined it and refused it (it failed their lint): they serve the last good one. */
  rejected: { replica: string; detail: string | null }[];
  /** Replicas that have not acknowledged it, and when their lease makes them fail closed. */
  lagging: { replica: string; confirmedAt: string; failsClosedAt: string }[];
}

/**
 * Waits up to `timeoutMs` for every replica whose lease was running at the revision's commit
 * to acknowledge it (or a later revision), and returns the receipt as it then stands.
 */
export async function waitForReceipt(
  store: PolicyStore,
  revision: StoredRevision,
  options: {
    timeoutMs: number;
    pollMs?: number;
    /**
     * When the revision's transaction committed, where the caller knows better than its
     * createdAt: a revision appended in the caller's transaction is created before it commits.
     */
    committedAt?: Date;
  },
): Promise<Receipt> {
  const deadline = Date.now() + options.timeoutMs;
  const committedAt = options.committedAt?.toISOString() ?? revision.createdAt;
  for (;;) {
    const receipt = await receiptOf(store, revision, committedAt);
    if (receipt.lagging.length === 0 || Date.now() >= deadline) return receipt;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 50));
  }
}

async function receiptOf(
  store: PolicyStore,
  revision: StoredRevision,
  committedAt: string,
): Promise<Receipt> {
  const committed = Date.parse(committedAt);
  const serving = (await store.replicas()).filter(
    (r) => r.stoppedAt === null && Date.parse(r.confirmedAt) + r.leaseMs > committed,
  );
  const { rows } = await store.pool.query<{
    replica: string;
    revision: string;
    status: 'live' | 'rejected';
    acked_at: unknown;
    detail: string | null;
  }>(
    `SELECT DISTINCT ON (replica, status) replica, revision, status, acked_at, detail
       FROM ${quoteIdent(store.schema)}.policy_ack WHERE revision >= $1
      ORDER BY replica, status, revision`,
    [revision.revision],
  );
  const live: Receipt['live'] = [];
  const rejected: Receipt['rejected'] = [];
  const lagging: Receipt['lagging'] = [];
  for (const replica of serving) {
    const ack = rows.find((a) => a.replica === replica.replica && a.status === 'live');
    const refusal = rows.find(
      (a) => a.replica === replica.replica && Number(a.revision) === revision.revision,
    );
    if (ack) {
      live.push({
        replica: replica.replica,
        revision: Number(ack.revision),
        ackedAt: isoOf(ack.acked_at)!,
      });
    } else if (refusal?.status === 'rejected') {
      rejected.push({ replica: replica.replica, detail: refusal.detail });
    } else {
      lagging.push({
        replica: replica.replica,
        confirmedAt: replica.confirmedAt,
        failsClosedAt: new Date(Date.parse(replica.confirmedAt) + replica.leaseMs).toISOString(),
      });
    }
  }
  const everywhere = lagging.length === 0 && rejected.length === 0;
  return {
    revision: revision.revision,
    committedAt,
    inForceEverywhereAt: everywhere
      ? live.map((l) => l.ackedAt).reduce((a, b) => (a > b ? a : b), revision.createdAt)
      : null,
    live,
    rejected,
    lagging,
  };
}
