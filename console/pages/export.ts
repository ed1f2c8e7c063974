import { definePage, download } from '../page';
import { CHAIN, EXPORT_RECORDS, type ChainReport, type ExportedRecord } from '../queries/records';
import { toCsv, toJsonLines, type ChainProof } from '../search/export-format';
import { allRecords } from '../search/all-records';
import { filterOf } from '../search/filter';

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
    const { records, cut } = await allRecords<ExportedRecord>(
      graph,
      EXPORT_RECORDS,
      filter,
      MAX_EXPORT_RECORDS,
    );
    if (cut)
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
