import type { Operation } from '../graph';

/** A requested or approved field. */
export interface RequestedFieldView {
  coordinate: string;
  access: 'FULL' | 'MASKED';
}

/** A sharing request as the inboxes list it. */
export interface RequestRow {
  number: string;
  requester: string;
  requesterRole: string;
  provider: string;
  purpose: string;
  sharingClass: string;
  state: string;
  submittedAt: string;
  replyDue: string;
  workingDaysLeft: number | null;
  overdue: boolean;
  periodEnd: string;
  refusalReason: string | null;
  disputeStage: string | null;
  disposalDue: boolean;
}

/** One hash-chained step of a request. */
export interface SharingEventView {
  seq: number;
  kind: string;
  actor: string;
  actorDepartment: string;
  at: string;
  detail: string;
  prevHash: string;
  hash: string;
}

/** A whole request, for its page. */
export interface RequestView extends RequestRow {
  requestedBy: string;
  legalBasis: string;
  scenario: string;
  scope: string;
  method: string;
  consent: string;
  fields: RequestedFieldView[];
  rows: { type: string; field: string; value: string | null }[];
  returned: boolean;
  missing: string[] | null;
  extensionDays: number | null;
  approvedFields: RequestedFieldView[] | null;
  refusalExplanation: string | null;
  shareBy: string | null;
  grantId: string | null;
  revision: number | null;
  timeline: SharingEventView[];
}

/** What approving a pending request would open. */
export interface ImpactView {
  opens: string[];
  deniedAttempts: number;
  diff: string[];
  fields: string[];
  rows: string[];
  reachField: string;
}

/** The receipt of a step that wrote a policy revision. */
export interface ReceiptView {
  revision: number;
  committedAt: string;
  inForceEverywhereAt: string | null;
  live: string[];
  lagging: string[];
}

const ROW = `number requester requesterRole provider purpose sharingClass state submittedAt replyDue
  workingDaysLeft overdue periodEnd refusalReason disputeStage disposalDue`;
const REQUEST = `${ROW} requestedBy legalBasis scenario scope method consent
  fields { coordinate access } rows { type field value } returned missing extensionDays
  approvedFields { coordinate access } refusalExplanation shareBy grantId revision
  timeline { seq kind actor actorDepartment at detail prevHash hash }`;
const RECEIPT = `receipt { revision committedAt inForceEverywhereAt live lagging }`;

/** An inbox page: one side of the viewer's department, or (the data authority) all. */
export const REQUESTS: Operation = {
  name: 'ConsoleSharingRequests',
  document: `query ConsoleSharingRequests($role: SharingRole!, $state: SharingRequestState, $overdue: Boolean, $limit: Int, $offset: Int) {
  sharingRequests(role: $role, state: $state, overdue: $overdue, limit: $limit, offset: $offset) { ${ROW} }
}`,
};

/** Refused requests with the time of each step, for the refusal statistics. */
export const REFUSALS: Operation = {
  name: 'ConsoleSharingRefusals',
  document: `query ConsoleSharingRefusals($role: SharingRole!, $limit: Int, $offset: Int) {
  sharingRequests(role: $role, state: REFUSED, limit: $limit, offset: $offset) {
    number provider requester refusalReason timeline { kind at }
  }
}`,
};

/** One request with its timeline. */
export const REQUEST_PAGE: Operation = {
  name: 'ConsoleSharingRequest',
  document: `query ConsoleSharingRequest($number: ID!) { sharingRequest(number: $number) { ${REQUEST} } }`,
};

/** The impact preview of a pending request (its provider or the data authority). */
export const IMPACT: Operation = {
  name: 'ConsoleSharingImpact',
  document: `query ConsoleSharingImpact($number: ID!, $days: Int) {
  sharingImpact(number: $number, days: $days) { opens deniedAttempts diff fields rows reachField }
}`,
};

/** A provider's root field counting the persons a draft opens: <department>SharingReach. */
const REACH_FIELD = /^[a-z][A-Za-z]{0,60}SharingReach$/;

/**
 * The provider's count of the distinct persons the draft opens, asked of the root field the
 * impact preview names; null when the name is not such a field (it is never spliced otherwise).
 */
export function reachOperation(field: string): Operation | null {
  if (!REACH_FIELD.test(field)) return null;
  return {
    name: 'ConsoleSharingReach',
    document: `query ConsoleSharingReach($fields: [String!]!, $rows: [String!]) {
  persons: ${field}(fields: $fields, rows: $rows)
}`,
  };
}

/** File a request. */
export const SUBMIT: Operation = {
  name: 'ConsoleSubmitSharingRequest',
  document: `mutation ConsoleSubmitSharingRequest($input: SubmitSharingRequestInput!) {
  submitSharingRequest(input: $input) { number }
}`,
};

/** Each step of a request, by the console's action name: its mutation, and whether it answers a receipt. */
export const STEP_OPERATIONS: Record<string, Operation & { receipt: boolean }> = {
  return: step(
    'returnSharingRequest',
    '$number: ID!, $missing: [String!]!',
    'number: $number, missing: $missing',
  ),
  supplement: step(
    'supplementSharingRequest',
    '$number: ID!, $note: String!',
    'number: $number, note: $note',
  ),
  'request-extension': step(
    'requestSharingExtension',
    '$number: ID!, $workingDays: Int!, $reason: String!',
    'number: $number, workingDays: $workingDays, reason: $reason',
  ),
  'decide-extension': step(
    'decideSharingExtension',
    '$number: ID!, $approve: Boolean!, $reason: String!',
    'number: $number, approve: $approve, reason: $reason',
  ),
  reply: step('replySharingRequest', '$input: ReplySharingRequestInput!', 'input: $input', true),
  'open-dispute': step(
    'openSharingDispute',
    '$number: ID!, $reason: String!',
    'number: $number, reason: $reason',
  ),
  'advance-dispute': step(
    'advanceSharingDispute',
    '$number: ID!, $note: String!',
    'number: $number, note: $note',
  ),
  'decide-dispute': step(
    'decideSharingDispute',
    '$input: DecideSharingDisputeInput!',
    'input: $input',
    true,
  ),
  'file-narrowing': step(
    'fileSharingNarrowing',
    '$input: FileSharingNarrowingInput!',
    'input: $input',
    true,
  ),
  suspend: step(
    'suspendSharing',
    '$number: ID!, $reason: String!',
    'number: $number, reason: $reason',
    true,
  ),
  resume: step(
    'resumeSharing',
    '$number: ID!, $reason: String!',
    'number: $number, reason: $reason',
    true,
  ),
  terminate: step(
    'terminateSharing',
    '$number: ID!, $reason: String!',
    'number: $number, reason: $reason',
    true,
  ),
  'confirm-disposal': step(
    'confirmSharingDisposal',
    '$number: ID!, $method: String!',
    'number: $number, method: $method',
  ),
};

function step(
  field: string,
  parameters: string,
  args: string,
  receipt = false,
): Operation & { receipt: boolean } {
  const name = `Console${field[0]!.toUpperCase()}${field.slice(1)}`;
  const selection = receipt ? `request { number state } ${RECEIPT}` : 'number state';
  return {
    name,
    receipt,
    document: `mutation ${name}(${parameters}) { ${field}(${args}) { ${selection} } }`,
  };
}
