import type { PageContext } from '../page';
import { COMPLIANCE_RECORDS } from '../queries/compliance';
import { POLICY_OVERVIEW, type PolicyOverview } from '../queries/policy';
import { CHAIN, type ChainReport } from '../queries/records';
import { allRecords } from '../search/all-records';
import { tally, type ComplianceRecord, type Tally } from './tally';

/** The most records one report counts; a longer period says it was cut. */
export const MAX_REPORT_RECORDS = 20_000;

/** A period's compliance figures, as the HTML page and the CSV show them. */
export interface ComplianceReport {
  from: string;
  to: string;
  records: number;
  cut: boolean;
  tallies: Tally[];
  chain: ChainReport['accessRecordChain'];
  policyChanges: PolicyOverview['policyRevisions'];
}

/** Reads the period's records, the chain and the policy revisions through the graph. */
export async function complianceReport(
  graph: PageContext['graph'],
  period: { from: string; to: string },
): Promise<ComplianceReport> {
  const filter = { from: `${period.from}T00:00:00Z`, to: `${period.to}T00:00:00Z` };
  const { records, cut } = await allRecords<ComplianceRecord>(
    graph,
    COMPLIANCE_RECORDS,
    filter,
    MAX_REPORT_RECORDS,
  );
  const { accessRecordChain: chain } = await graph<ChainReport>(CHAIN);
  const { policyRevisions } = await graph<PolicyOverview>(POLICY_OVERVIEW);
  const policyChanges = policyRevisions.filter(
    (r) => r.createdAt !== null && r.createdAt >= filter.from && r.createdAt < filter.to,
  );
  return { ...period, records: records.length, cut, tallies: tally(records), chain, policyChanges };
}

/** The longest period one report covers, in days (a leap year). */
export const MAX_PERIOD_DAYS = 366;

/** The period from the URL: `from` and `to` (exclusive) as dates, by default this month so far. */
export function periodOf(params: URLSearchParams): { from: string; to: string } {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  const today = new Date();
  const from = params.get('from') || `${today.toISOString().slice(0, 7)}-01`;
  const to = params.get('to') || new Date(today.getTime() + 86_400_000).toISOString().slice(0, 10);
  if (!date.test(from) || !date.test(to)) throw new RangeError('Dates are YYYY-MM-DD.');
  if (from >= to) throw new RangeError('The period must end after it begins.');
  // Every record of the period is read page by page: a century would hold the page for long.
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!(days <= MAX_PERIOD_DAYS))
    throw new RangeError(`A report covers at most ${MAX_PERIOD_DAYS} days: split a longer period.`);
  return { from, to };
}
