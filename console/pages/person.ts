import { html } from '../html';
import { label } from '../i18n';
import { definePage } from '../page';
import { HOLDS, RECORDS, type Hold, type RecordPage } from '../queries/records';
import { exportLinks, pager, recordsTable } from '../search/table';
import { RECORDS_PAGE_SIZE } from './records';

const PERSON_ID = /^[A-Z0-9]{9}$/;

/**
 * Item 1: a person's timeline: every record that disclosed their personal information, who
 * and why, and (for the roles that read holds) which are held back from the citizen, with the
 * hold's reason and end. Showing it names the person in this page's own access record.
 */
export const personPage = definePage({
  path: '/person',
  title: { zh: '个人数据使用时间线', en: 'Person timeline' },
  roles: ['privacy-officer', 'privacy-contact', 'auditor'],
  nav: false,
  async render({ url, graph, role }) {
    const id = url.searchParams.get('id') ?? '';
    if (!PERSON_ID.test(id))
      throw new RangeError('Give a person id: 9 capital letters and digits, e.g. PCYGN28R6.');
    const after = url.searchParams.get('after') || undefined;
    const { accessRecords } = await graph<RecordPage>(RECORDS, {
      filter: { personId: id },
      first: RECORDS_PAGE_SIZE,
      after,
    });
    // A department's privacy contact reads no holds: the column is left out for them.
    const holds =
      role === 'privacy-contact'
        ? undefined
        : (await graph<{ disclosureHolds: Hold[] }>(HOLDS)).disclosureHolds;
    const params = new URLSearchParams({ id });
    if (after) params.set('after', after);
    return html`<p>${label({ zh: '个人', en: 'Person' })}: <strong>${id}</strong></p>
      ${exportLinks(new URLSearchParams({ personId: id }))}
      ${recordsTable(accessRecords.records, holds)} ${pager('/person', params, accessRecords.next)}`;
  },
});
