import {
  createPolicyEngine,
  type Classification,
  type PolicyEngine,
  type PolicySet,
} from '../../policies';

/** The policy one request is decided, signed and recorded under (pinned at admission). */
export interface LivePolicy {
  /** The policy revision (0: the policy files, read at start-up). */
  readonly revision: number;
  readonly engine: PolicyEngine;
  /** Serving only UNCONDITIONAL fields: the replica has not confirmed the latest revision within its lease. */
  readonly failClosed: boolean;
  /** Distinguishes decisions cached under this policy from any other's. */
  readonly key: string;
}

/** What the gateway reports about its policy on /readyz. */
export interface PolicyStatus {
  source: 'files' | 'db';
  revision: number;
  failClosed: boolean;
  /** The newest revision this replica refused (it failed lint), when newer than the one it serves. */
  rejected: { revision: number; detail: string } | null;
}

/** Holds the policy the gateway serves; swapped atomically when a revision goes live. */
export interface PolicyHolder {
  /** The policy a request arriving now is pinned to. */
  current(): LivePolicy;
  status(): PolicyStatus;
  /**
   * Recompiles the policy served now for another supergraph's classification (and validates
   * later revisions against it); throws, changing nothing, when it does not pass lint there.
   */
  reclassify(classification: Classification): void;
  close(): Promise<void>;
}

/** A compiled revision and its fail-closed twin (the same purposes, no grant). */
export function compileRevision(
  revision: number,
  policies: PolicySet,
  classification: Classification,
): { open: LivePolicy; closed: LivePolicy } {
  return {
    open: {
      revision,
      engine: createPolicyEngine(policies, classification),
      failClosed: false,
      key: `r${revision}`,
    },
    closed: {
      revision,
      engine: createPolicyEngine({ purposes: policies.purposes, grants: [] }, classification),
      failClosed: true,
      key: `r${revision}-closed`,
    },
  };
}

/** The policy files, read once at start-up (POLICY_SOURCE=files): revision 0, never swapped. */
export function staticPolicyHolder(
  policies: PolicySet,
  classification: Classification,
): PolicyHolder {
  let { open } = compileRevision(0, policies, classification);
  return {
    current: () => open,
    reclassify: (next) => {
      ({ open } = compileRevision(0, policies, next));
    },
    status: () => ({ source: 'files', revision: 0, failClosed: false, rejected: null }),
    close: async () => undefined,
  };
}
