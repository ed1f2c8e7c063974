import { html } from '../html';
import { definePage } from '../page';
import { RECORDS, type RecordPage } from '../queries/records';
import { criteria, filterForm, filterOf } from '../search/filter';
import { exportLinks, pager, recordsTable } from '../search/table';
import { CONSOLE_PATH } from '../session';

/** Records on one page. */
export const RECORDS_PAGE_SIZE = 50;

/** `first` from the URL (1 to 200), else RECORDS_PAGE_SIZE. */
function pageSize(params: URLSearchParams): number {
  const first = Number(params.get('first') ?? RECORDS_PAGE_SIZE);
  if (!Number.isInteger(first) || first < 1 || first > 200)
    throw new RangeError('A page holds 1 to 200 records.');
  return first;
}

/** Item 1: search the access records by any criterion, a keyset page at a time. */
export const recordsPage = definePage({
  path: '/records',
  title: { zh: '访问记录查询', en: 'Access records' },
  roles: ['privacy-officer', 'privacy-contact', 'auditor'],
  async render({ url, graph }) {
    const params = url.searchParams;
    const after = params.get('after') || undefined;
    const { accessRecords } = await graph<RecordPage>(RECORDS, {
      filter: filterOf(params),
      first: pageSize(params),
      after,
    });
    const kept = criteria(params);
    if (params.has('first')) kept.set('first', String(pageSize(params)));
    if (after) kept.set('after', after);
    return html`${filterForm(`${CONSOLE_PATH}/records`, params)} ${exportLinks(criteria(params))}
    ${recordsTable(accessRecords.records)} ${pager('/records', kept, accessRecords.next)}`;
  },
});
