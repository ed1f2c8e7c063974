/** Where a sharing request stands (stored; EXPIRED is derived from the period, see clock.ts). */
export type SharingState =
  | 'SUBMITTED'
  | 'RETURNED'
  | 'EXTENSION_REQUESTED'
  | 'APPROVED'
  | 'REFUSED'
  | 'SUSPENDED'
  | 'TERMINATED'
  | 'EXPIRED'
  | 'DISPOSED';

/** Who acts on a request: its requester's agency, its provider's agency, the data authority. */
export type Party = 'requester' | 'provider' | 'authority';

/** Every step a request can take. */
export type SharingAction =
  | 'return'
  | 'supplement'
  | 'request-extension'
  | 'decide-extension'
  | 'reply'
  | 'open-dispute'
  | 'advance-dispute'
  | 'decide-dispute'
  | 'file-narrowing'
  | 'suspend'
  | 'resume'
  | 'terminate'
  | 'confirm-disposal';

/** A step: the states it starts from and the parties that may take it. */
interface Step {
  readonly from: readonly SharingState[];
  readonly by: readonly Party[];
}

const PENDING: readonly SharingState[] = ['SUBMITTED', 'EXTENSION_REQUESTED'];

/** The lifecycle of 《政务数据共享条例》 art. 20-28 as a table (audit before changing a row). */
export const STEPS: Readonly<Record<SharingAction, Step>> = {
  return: { from: ['SUBMITTED'], by: ['provider'] },
  supplement: { from: ['RETURNED'], by: ['requester'] },
  'request-extension': { from: ['SUBMITTED'], by: ['provider'] },
  'decide-extension': { from: ['EXTENSION_REQUESTED'], by: ['authority'] },
  reply: { from: PENDING, by: ['provider'] },
  'open-dispute': { from: ['REFUSED', 'APPROVED', 'SUSPENDED'], by: ['requester', 'provider'] },
  'advance-dispute': {
    from: ['REFUSED', 'APPROVED', 'SUSPENDED'],
    by: ['requester', 'provider', 'authority'],
  },
  // The government's decision (art. 28), taken by the data authority for it.
  'decide-dispute': { from: ['REFUSED', 'APPROVED', 'SUSPENDED'], by: ['authority'] },
  // A provider narrows an approved grant and files it with the data authority (备案).
  'file-narrowing': { from: ['APPROVED'], by: ['provider'] },
  suspend: { from: ['APPROVED'], by: ['provider', 'authority'] },
  resume: { from: ['SUSPENDED'], by: ['provider', 'authority'] },
  terminate: { from: ['APPROVED', 'SUSPENDED'], by: ['provider', 'authority'] },
  'confirm-disposal': { from: ['TERMINATED', 'EXPIRED'], by: ['requester'] },
};

/** Why a step cannot be taken: not this party's, or not from this state; null: it can. */
export function stepRefusal(
  action: SharingAction,
  state: SharingState,
  parties: readonly Party[],
):
  | { kind: 'party'; allowed: readonly Party[] }
  | { kind: 'state'; from: readonly SharingState[] }
  | null {
  const step = STEPS[action];
  if (!parties.some((p) => step.by.includes(p))) return { kind: 'party', allowed: step.by };
  if (!step.from.includes(state)) return { kind: 'state', from: step.from };
  return null;
}

/** The stages of a dispute (art. 28), in order. */
export const DISPUTE_STAGES = ['NEGOTIATION', 'COORDINATION', 'DECISION', 'RESOLVED'] as const;
export type DisputeStage = (typeof DISPUTE_STAGES)[number];

/**
 * Who moves a dispute out of each stage: the parties negotiate; the authority coordinates and
 * decides (out of DECISION by decideSharingDispute only, stating the outcome).
 */
export const DISPUTE_MOVERS: Readonly<Record<DisputeStage, readonly Party[]>> = {
  NEGOTIATION: ['requester', 'provider', 'authority'],
  COORDINATION: ['authority'],
  DECISION: ['authority'],
  RESOLVED: [],
};

/** What the decision of a dispute orders (art. 28): the reply stands, or approval (in part). */
export type DisputeOutcome = 'UPHOLD' | 'APPROVE' | 'APPROVE_IN_PART';
