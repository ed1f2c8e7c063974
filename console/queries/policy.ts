import type { Operation } from '../graph';

export interface PolicyOverview {
  policyRevisions: {
    revision: number;
    parent: number | null;
    cause: string;
    author: string;
    note: string | null;
    createdAt: string | null;
    effectiveAt: string | null;
    urgent: boolean;
  }[];
  policyReplicas: {
    replica: string;
    revision: number;
    confirmedAt: string;
    leaseMs: number;
    stoppedAt: string | null;
  }[];
  grants: {
    id: string;
    provider: string;
    consumer: { department: string | null; role: string | null; citizen: boolean };
    expires: string | null;
    expired: boolean;
  }[];
}

/** Revisions, replicas and grants: the policy page's overview. */
export const POLICY_OVERVIEW: Operation = {
  name: 'ConsolePolicyOverview',
  document: `query ConsolePolicyOverview {
  policyRevisions(first: 50) { revision parent cause author note createdAt effectiveAt urgent }
  policyReplicas { replica revision confirmedAt leaseMs stoppedAt }
  grants { id provider consumer { department role citizen } expires expired }
}`,
};

export interface PolicyChangeRow {
  change: string;
  grant: string | null;
  what: string;
  from: string | null;
  to: string | null;
}

/** What revision `to` opens, closes or changes compared with `from`. */
export const POLICY_DIFF: Operation = {
  name: 'ConsolePolicyDiff',
  document: `query ConsolePolicyDiff($from: Int!, $to: Int!) {
  policyDiff(from: $from, to: $to) { change grant what from to }
}`,
};

export interface ReaderRow {
  description: string;
  purposes: string[];
  access: string;
  grantId: string | null;
  expires: string | null;
  rows: { type: string; field: string; value: string | null; anyOf: string[] | null }[];
}

/** Who could read a field under a revision. */
export const POLICY_READERS: Operation = {
  name: 'ConsolePolicyReaders',
  document: `query ConsolePolicyReaders($coordinate: String!, $revision: Int!) {
  policyReaders(coordinate: $coordinate, revision: $revision) {
    description purposes access grantId expires rows { type field value anyOf }
  }
}`,
};
