import type { Operation } from '../graph';

/** What the sharing map reads of a record: who consumed, from whom, why. No person. */
export interface FlowRecord {
  consumer: { department: string | null };
  purpose: string | null;
  departments: string[];
}

export interface FlowPage {
  accessRecords: { records: FlowRecord[]; next: string | null };
}

export const FLOWS: Operation = {
  name: 'ConsoleSharingFlows',
  document: `query ConsoleSharingFlows($filter: AccessRecordFilter, $first: Int, $after: String) {
  accessRecords(filter: $filter, first: $first, after: $after) {
    records { consumer { department } purpose departments }
    next
  }
}`,
};

/** A department with its 12345 and 好差评 figures (UNCONDITIONAL fields). */
export interface DepartmentFigures {
  code: string;
  name: string;
  subgraph: string | null;
  appealSummary: { received: number; closed: number; averageSatisfaction: number | null };
  ratingSummary: { total: number; satisfactionRate: number | null };
  /** Citizens' challenges of the department's reads and the ratings of its answers. */
  disclosureChallenges: {
    challenges: number;
    answered: number;
    rated: number;
    averageRating: number | null;
  };
}

export const DEPARTMENT_FIGURES: Operation = {
  name: 'ConsoleDepartmentFigures',
  document: `query ConsoleDepartmentFigures {
  departments {
    code name subgraph
    appealSummary { received closed averageSatisfaction }
    ratingSummary { total satisfactionRate }
    disclosureChallenges { challenges answered rated averageRating }
  }
}`,
};
