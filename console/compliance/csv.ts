import { csvCell } from '../search/export-format';
import type { ComplianceReport } from './report';

/** The report as CSV: one section column, then the section's own columns. */
export function complianceCsv(report: ComplianceReport): string {
  const rows: string[][] = [
    ['section', 'a', 'b', 'c', 'd', 'e', 'f'],
    ['period', report.from, report.to, String(report.records), report.cut ? 'cut' : 'whole'],
    ['disclosures', 'department', 'purpose', 'served', 'refused', 'sensitive', 'personal'],
    ...report.tallies.map((t) => [
      'disclosures',
      t.department,
      t.purpose,
      String(t.served),
      String(t.refused),
      String(t.sensitive),
      String(t.personal),
    ]),
    ['chain', report.chain.ok ? 'whole' : 'broken', report.chain.firstBreak?.description ?? ''],
    ...report.chain.streams.map((s) => [
      'chain-stream',
      s.streamId,
      String(s.records),
      s.firstBreak ? 'broken' : 'whole',
    ]),
    ...report.policyChanges.map((r) => [
      'policy-change',
      String(r.revision),
      r.cause,
      r.author,
      r.createdAt ?? '',
      r.note ?? '',
    ]),
  ];
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
