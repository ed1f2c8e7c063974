import type { Operation } from '../graph';

export const COMPLIANCE_RECORDS: Operation = {
  name: 'ConsoleComplianceRecords',
  document: `query ConsoleComplianceRecords($filter: AccessRecordFilter, $first: Int, $after: String) {
  accessRecords(filter: $filter, first: $first, after: $after) {
    records { consumer { department } purpose outcome fields { pi effect } }
    next
  }
}`,
};
