import type { Operation } from '../graph';

/** A disclosure of the signed-in citizen's data, as myAccessRecords lists it. */
export interface DisclosureView {
  id: string;
  time: string;
  department: string | null;
  role: string | null;
  purpose: string | null;
  purposeName: string | null;
  fields: string[];
  departments: string[];
}

/** A citizen's challenge, as myChallenges lists it. */
export interface ChallengeView {
  id: string;
  recordId: string;
  reason: string;
  department: string;
  raisedAt: string;
  deadline: string;
  overdue: boolean;
  stage: 'ACCEPTED' | 'HANDLED' | 'ANSWERED' | 'RATED';
  finding: string | null;
  reply: string | null;
  repliedAt: string | null;
  rating: number | null;
  ratedAt: string | null;
}

/** At most this many of a citizen's challenges are listed (the graph's largest page). */
export const CHALLENGES_LISTED = 100;

export const MY_RECORDS: Operation = {
  name: 'ConsoleMyAccessRecords',
  document: `query ConsoleMyAccessRecords($first: Int, $after: String, $challenges: Int) {
    myAccessRecords(first: $first, after: $after) {
      records { id time department role purpose purposeName fields departments }
      next
    }
    myChallenges(limit: $challenges) { id recordId stage }
  }`,
};

export const MY_CHALLENGES: Operation = {
  name: 'ConsoleMyChallenges',
  document: `query ConsoleMyChallenges($limit: Int) {
    myChallenges(limit: $limit) {
      id recordId reason department raisedAt deadline overdue stage finding reply repliedAt rating ratedAt
    }
  }`,
};

export const CHALLENGE: Operation = {
  name: 'ConsoleChallengeDisclosure',
  document: `mutation ConsoleChallengeDisclosure($input: ChallengeDisclosureInput!) {
    challengeDisclosure(input: $input) { id }
  }`,
};

export const RATE: Operation = {
  name: 'ConsoleRateChallengeAnswer',
  document: `mutation ConsoleRateChallengeAnswer($input: RateChallengeAnswerInput!) {
    rateChallengeAnswer(input: $input) { id }
  }`,
};
