import type { Operation } from '../graph';

/** An incident as the console shows it. */
export interface IncidentView {
  id: string;
  kind: 'ANOMALY' | 'CHALLENGE';
  rule: string;
  parameters: string;
  evidence: string[];
  explanation: string;
  /** The rule's sentence in Chinese (null for incidents raised before it was written). */
  explanationZh: string | null;
  official: string | null;
  department: string | null;
  status: string;
  statusReason: string | null;
  assignee: string | null;
  raisedAt: string;
  comments: { at: string; author: string; text: string }[];
  challengeReason: string | null;
  deadline: string | null;
  overdue: boolean;
  reply: string | null;
  repliedAt: string | null;
  rating: number | null;
}

const FIELDS = `id kind rule parameters evidence explanation explanationZh official department status statusReason
  assignee raisedAt comments { at author text } challengeReason deadline overdue reply repliedAt rating`;

export const INCIDENTS: Operation = {
  name: 'ConsoleIncidents',
  document: `query ConsoleIncidents($status: IncidentStatus, $kind: IncidentKind) {
    incidents(status: $status, kind: $kind, limit: 100) { id kind rule explanation explanationZh official department status assignee raisedAt deadline overdue rating }
  }`,
};

export const INCIDENT: Operation = {
  name: 'ConsoleIncident',
  document: `query ConsoleIncident($id: ID!) { incident(id: $id) { ${FIELDS} } }`,
};

export const INCIDENT_BUNDLE: Operation = {
  name: 'ConsoleIncidentBundle',
  document: `query ConsoleIncidentBundle($id: ID!) { incident(id: $id) { id evidenceBundle } }`,
};

export const MOVE: Operation = {
  name: 'ConsoleMoveIncident',
  document: `mutation ConsoleMoveIncident($input: MoveIncidentInput!) { moveIncident(input: $input) { id } }`,
};

export const ASSIGN: Operation = {
  name: 'ConsoleAssignIncident',
  document: `mutation ConsoleAssignIncident($input: AssignIncidentInput!) { assignIncident(input: $input) { id } }`,
};

export const COMMENT: Operation = {
  name: 'ConsoleCommentIncident',
  document: `mutation ConsoleCommentIncident($input: CommentIncidentInput!) { commentIncident(input: $input) { id } }`,
};

export const ANSWER: Operation = {
  name: 'ConsoleAnswerChallenge',
  document: `mutation ConsoleAnswerChallenge($input: AnswerChallengeInput!) { answerChallenge(input: $input) { id } }`,
};

/** An official's profile against peers. */
export interface ProfileView {
  officialId: string;
  department: string | null;
  role: string | null;
  from: string;
  to: string;
  peers: number;
  quota: number | null;
  /** Today's use of each quota of the team's grants, from the access records. */
  quotaUse: { grant: string; quota: number; day: string; persons: number }[];
  perDay: { day: string; requests: number }[];
  purposes: { purpose: string; requests: number }[];
  measures: { name: string; value: number; peerMedian: number; peerSpread: number }[];
}

export const PROFILE: Operation = {
  name: 'ConsoleOfficialProfile',
  document: `query ConsoleOfficialProfile($id: String!) {
    officialProfile(officialId: $id) { officialId department role from to peers quota quotaUse { grant quota day persons }
      perDay { day requests } purposes { purpose requests } measures { name value peerMedian peerSpread } }
  }`,
};
