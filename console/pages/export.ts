import { definePage, download } from '../page';
import {
  CHAIN,
  RECORDS,
  type ChainReport,
  type RecordPage,
  type RecordRow,
} from '../queries/records';
import { toCsv, toJsonLines, type ChainProof } from '../search/export-format';
import { filterOf } from '../search/filter';

/** Records fetched per graph call while exporting (the graph's largest page). */
const EXPORT_PAGE = 200;
/** The most records one export holds; narrow the criteria for more. */
export const MAX_EXPORT_RECORDS = 10_000;

/** Item 1: the records matching the criteria, as CSV or JSON Lines, with the chain proof. */
export const exportPage = definePage({
  path: '/records/export',
  title: { zh: '导出访问记录', en: 'Export access records' },
  roles: ['privacy-officer', 'privacy-contact', 'auditor'],
  nav: false,
  async render({ url, graph, role }) {
    const format = url.searchParams.get('format');
    if (format !== 'csv' && format !== 'jsonl') throw new RangeError('Export as csv or jsonl.');
    const filter = filterOf(url.searchParams);
    const records: RecordRow[] = [];
    let after: string | null = null;
    do {
      const page: RecordPage = await graph<RecordPage>(RECORDS, {
        filter,
        first: EXPORT_PAGE,
        after,
      });
      records.push(...page.accessRecords.records);
      after = page.accessRecords.next;
    } while (after && records.length < MAX_EXPORT_RECORDS);
    if (after)
      throw new RangeError(`More than ${MAX_EXPORT_RECORDS} records match: narrow the criteria.`);
    const proof: ChainProof = {
      verifiedAt: new Date().toISOString(),
      chain:
        role === 'privacy-contact' ? null : (await graph<ChainReport>(CHAIN)).accessRecordChain,
    };
    const stamp = proof.verifiedAt.slice(0, 19).replace(/[:T]/g, '-');
    return format === 'csv'
      ? download(toCsv(records, proof), 'text/csv; charset=utf-8', `access-records-${stamp}.csv`)
      : download(
          toJsonLines(records, proof),
          'application/x-ndjson; charset=utf-8',
          `access-records-${stamp}.jsonl`,
        );
  },
});
