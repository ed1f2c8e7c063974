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

/** A grant's daily quota of persons per official, as its most active official used it on a day. */
export interface GrantQuotaRow {
  grant: string;
  consumerDepartment: string;
  consumerRole: string;
  quota: number;
  day: string;
  mostPersons: number;
  officials: number;
  share: number;
}

/** Quota use per grant today (CST), counted from the access records, the fullest first. */
export const GRANT_QUOTA_USE: Operation = {
  name: 'ConsoleGrantQuotaUse',
  document: `query ConsoleGrantQuotaUse {
  grantQuotaUse { grant consumerDepartment consumerRole quota day mostPersons officials share }
}`,
};
