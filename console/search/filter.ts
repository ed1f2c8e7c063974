import { html, type Html } from '../html';
import { label, zh, type Label } from '../i18n';

/** The search criteria a records page takes from its URL (AccessRecordFilter of the graph). */
export const FILTER_FIELDS: readonly { name: string; label: Label; kind?: 'date' | 'outcome' }[] = [
  { name: 'consumerId', label: { zh: '使用人账号', en: 'consumer (official id)' } },
  { name: 'department', label: { zh: '使用部门', en: 'department as consumer' } },
  { name: 'calledDepartment', label: { zh: '提供部门', en: 'department as provider' } },
  { name: 'purpose', label: { zh: '目的', en: 'purpose' } },
  { name: 'field', label: { zh: '字段', en: 'field (Type.field)' } },
  { name: 'personId', label: { zh: '个人', en: 'person id' } },
  { name: 'caseNumber', label: { zh: '案件编号', en: 'case number' } },
  { name: 'from', label: { zh: '起始日期', en: 'from (UTC)' }, kind: 'date' },
  { name: 'to', label: { zh: '截止日期（不含）', en: 'to, exclusive (UTC)' }, kind: 'date' },
  { name: 'outcome', label: { zh: '结果', en: 'outcome' }, kind: 'outcome' },
  { name: 'policyRevision', label: { zh: '政策版本', en: 'policy revision' } },
];

/** The graph's AccessRecordFilter from the page's search parameters (blank ones left out). */
export function filterOf(params: URLSearchParams): Record<string, string | number> {
  const filter: Record<string, string | number> = {};
  for (const { name, kind } of FILTER_FIELDS) {
    const value = params.get(name)?.trim();
    if (!value) continue;
    if (kind === 'date')
      filter[name] = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
    else if (name === 'policyRevision') filter[name] = revision(value);
    else filter[name] = value;
  }
  return filter;
}

function revision(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new RangeError('A policy revision is a whole number.');
  return Number(value);
}

/** The same criteria as search parameters (for pager and export links). */
export function criteria(params: URLSearchParams): URLSearchParams {
  const kept = new URLSearchParams();
  for (const { name } of FILTER_FIELDS) {
    const value = params.get(name)?.trim();
    if (value) kept.set(name, value);
  }
  return kept;
}

/** The search form, filled in with the current criteria. */
export function filterForm(action: string, params: URLSearchParams): Html {
  return html`<form class="filters" method="get" action="${action}" role="search">
    ${FILTER_FIELDS.map(({ name, label: text, kind }) => html`<label>${label(text)}${input(name, kind, params.get(name) ?? '')}</label>`)}
    <button type="submit">${zh({ zh: '查询', en: 'Search' })}</button>
  </form>`;
}

function input(name: string, kind: string | undefined, value: string): Html {
  if (kind === 'outcome')
    return html`<select name="${name}">
      <option value="">—</option>
      ${['SERVED', 'REFUSED', 'FAILED'].map(
        (o) => html`<option value="${o}" ${o === value ? html` selected` : ''}>${o}</option>`,
      )}
    </select>`;
  return html`<input
    name="${name}"
    type="${kind === 'date' ? 'date' : 'text'}"
    value="${value}"
  />`;
}
