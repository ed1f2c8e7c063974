import type { Operation } from '../graph';

/** One access record as the console shows it (never a value that was read). */
export interface RecordRow {
  id: string;
  streamId: string;
  seq: number;
  time: string;
  consumer: {
    kind: string;
    id: string;
    department: string | null;
    role: string | null;
    application: string | null;
  };
  purpose: string | null;
  caseNumber: string | null;
  operationName: string | null;
  fields: { coordinate: string; pi: string; effect: string }[];
  departments: string[];
  outcome: string;
  policyRevision: number | null;
  subjects: string[];
  prevHash: string;
  hash: string;
}

/** A record as exported: with what recomputes its hash (its format and canonical text). */
export interface ExportedRecord extends RecordRow {
  format: number;
  canonical: string;
}

export interface RecordPage {
  accessRecords: { records: RecordRow[]; next: string | null };
}

/** A page of access records matching a filter (AccessRecordFilter), newest first. */
export const RECORDS: Operation = {
  name: 'ConsoleRecords',
  document: `query ConsoleRecords($filter: AccessRecordFilter, $first: Int, $after: String) {
  accessRecords(filter: $filter, first: $first, after: $after) {
    records {
      id streamId seq time
      consumer { kind id department role application }
      purpose caseNumber operationName
      fields { coordinate pi effect }
      departments outcome policyRevision subjects prevHash hash
    }
    next
  }
}`,
};

/** RECORDS with each record's format and canonical text, for an export that proves itself. */
export const EXPORT_RECORDS: Operation = {
  name: 'ConsoleExportRecords',
  document: RECORDS.document
    .replace('query ConsoleRecords(', 'query ConsoleExportRecords(')
    .replace('prevHash hash', 'prevHash hash format canonical'),
};

export interface Hold {
  id: string;
  recordId: string | null;
  caseNumber: string | null;
  hiddenUntil: string;
  reason: string;
}

/** Delayed-disclosure holds in force: what is held back from the persons concerned. */
export const HOLDS: Operation = {
  name: 'ConsoleHolds',
  document: `query ConsoleHolds {
  disclosureHolds { id recordId caseNumber hiddenUntil reason }
}`,
};

export interface ChainReport {
  accessRecordChain: {
    ok: boolean;
    streams: {
      streamId: string;
      records: number;
      headSeq: number | null;
      headHash: string | null;
      firstBreak: ChainBreakView | null;
    }[];
    firstBreak: ChainBreakView | null;
  };
}

export interface ChainBreakView {
  streamId: string;
  seq: number;
  recordId: string;
  reason: string;
  description: string;
}

/** Walks the hash chains (one stream, or every stream; one month, or all). */
export const CHAIN: Operation = {
  name: 'ConsoleChain',
  document: `query ConsoleChain($streamId: String, $month: String) {
  accessRecordChain(streamId: $streamId, month: $month) {
    ok
    streams { streamId records headSeq headHash firstBreak { streamId seq recordId reason description } }
    firstBreak { streamId seq recordId reason description }
  }
}`,
};
