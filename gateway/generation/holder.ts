import type { PolicyHolder } from '../live-policy';
import type { SupergraphParts } from './supergraph';

/** What the gateway reports about its supergraph on /readyz. */
export interface SupergraphStatus {
  /** 1 at start-up, one more for every supergraph swapped in. */
  generation: number;
  /** Plans of the previous generation's most run operations made before this one went live. */
  warmed: number;
  /** The newest supergraph refused since the last swap (it failed to load), and why. */
  rejected: { at: string; detail: string } | null;
}

/** Holds the supergraph a request is pinned to at admission, with the policy compiled for it. */
export interface SupergraphHolder {
  current(): SupergraphParts;
  status(): SupergraphStatus;
  /**
   * Swaps in a checked supergraph and recompiles the policy for its classification, in one
   * step: a request admitted after it sees both, one admitted before neither. Throws, and
   * changes nothing, when the live policy does not hold under the new classification.
   */
  swap(parts: SupergraphParts, warmed?: number): void;
  /** Notes a supergraph that failed to load (the current one stays). */
  refused(detail: string): void;
}

export function supergraphHolder(initial: SupergraphParts, policy: PolicyHolder): SupergraphHolder {
  let current = initial;
  let generation = 1;
  let warmedPlans = 0;
  let rejected: SupergraphStatus['rejected'] = null;
  return {
    current: () => current,
    status: () => ({ generation, warmed: warmedPlans, rejected }),
    swap: (parts, warmed = 0) => {
      policy.reclassify(parts.classification);
      current = parts;
      generation += 1;
      warmedPlans = warmed;
      rejected = null;
    },
    refused: (detail) => {
      rejected = { at: new Date().toISOString(), detail };
    },
  };
}
