import { followRevisions, DEFAULT_POLL_MS } from './follower';
import type { PolicyStore } from './store';

/** What a department enforces: contexts signed under an older revision than this are refused. */
export interface Watermark {
  /**
   * The newest urgent revision in effect. Infinity when the department has not confirmed it
   * within its lease: then it refuses every context but a fail-closed one.
   */
  floor(): number;
  close(): Promise<void>;
}

/**
 * A department's view of the revocation watermark, learned from the policy store by NOTIFY
 * and polling, like the gateway replicas learn revisions. Resolves once read.
 */
export async function followWatermark(options: {
  store: PolicyStore;
  url: string;
  leaseMs: number;
  pollMs?: number;
  onError?: (error: unknown) => void;
}): Promise<Watermark> {
  let value = 0;
  let confirmedAt = 0;
  const follower = followRevisions({
    url: options.url,
    pollMs: options.pollMs ?? DEFAULT_POLL_MS,
    check: async () => {
      const started = Date.now();
      value = Math.max(value, await options.store.watermark());
      confirmedAt = started;
    },
    onError: options.onError ?? (() => undefined),
  });
  await follower.start();
  return {
    floor: () => (Date.now() - confirmedAt > options.leaseMs ? Infinity : value),
    close: () => follower.stop(),
  };
}
