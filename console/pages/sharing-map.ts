import { html, type Html } from '../html';
import { label, zh } from '../i18n';
import { definePage } from '../page';
import {
  DEPARTMENT_FIGURES,
  FLOWS,
  type DepartmentFigures,
  type FlowRecord,
} from '../queries/sharing';
import { allRecords } from '../search/all-records';
import { filterOf } from '../search/filter';
import { countFlows, totals, type Flow } from '../sharing/flows';
import { flowMap } from '../sharing/svg';
import { CONSOLE_PATH } from '../session';

/** The most records one map counts; a longer period says it was cut. */
export const MAX_MAP_RECORDS = 10_000;
/** The period shown when none is chosen. */
const DEFAULT_DAYS = 30;
const TITLE = { zh: '数据共享地图', en: 'Sharing map' };

/**
 * Item 7: which department's data served which departments, for which purposes, how often,
 * over a period (served records only), beside each department's 12345 and 好差评 figures.
 */
export const sharingMapPage = definePage({
  path: '/sharing',
  title: TITLE,
  roles: ['privacy-officer', 'auditor'],
  async render({ url, graph }) {
    const params = url.searchParams;
    const from = params.get('from') || daysAgo(DEFAULT_DAYS);
    const withPeriod = new URLSearchParams(params);
    withPeriod.set('from', from);
    const filter = { ...filterOf(withPeriod), outcome: 'SERVED' };
    const { records, cut } = await allRecords<FlowRecord>(graph, FLOWS, filter, MAX_MAP_RECORDS);
    const flows = countFlows(records);
    const { departments } = await graph<{ departments: DepartmentFigures[] }>(DEPARTMENT_FIGURES);
    const period = `${from} — ${params.get('to') || '今 now'}`;
    return html`${periodForm(from, params)}
      <p>
        ${label({ zh: '统计期间', en: 'Period' })}: ${period} ·
        ${label({ zh: '已提供的访问记录', en: 'served records' })}:
        ${records.length}${cut && html` <strong class="problem">${label({ zh: '已截断', en: `cut at ${MAX_MAP_RECORDS}: choose a shorter period` })}</strong>`}
      </p>
      ${flows.length ? flowMap(flows, `${TITLE.zh} ${period}`) : html`<p>${label({ zh: '此期间没有数据共享。', en: 'No sharing in this period.' })}</p>`}
      ${flowsTable(flows)} ${figuresTable(departments, flows)}`;
  },
});

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

function periodForm(from: string, params: URLSearchParams): Html {
  const field = (name: string, text: { zh: string; en: string }, type: string, value: string) =>
    html`<label>${label(text)}<input name="${name}" type="${type}" value="${value}" /></label>`;
  return html`<form class="filters" method="get" action="${CONSOLE_PATH}/sharing">
    ${field('from', { zh: '起始日期', en: 'from (UTC)' }, 'date', from)}
    ${field('to', { zh: '截止日期（不含）', en: 'to, exclusive' }, 'date', params.get('to') ?? '')}
    ${field('purpose', { zh: '目的', en: 'purpose' }, 'text', params.get('purpose') ?? '')}
    ${field('caseNumber', { zh: '案件编号', en: 'case number' }, 'text', params.get('caseNumber') ?? '')}
    <button type="submit">${zh({ zh: '查询', en: 'Show' })}</button>
  </form>`;
}

function flowsTable(flows: readonly Flow[]): Html {
  return html`<table class="flows">
    <caption>
      ${label({ zh: '共享明细', en: 'Flows: provider → consumer, purpose' })}
    </caption>
    <thead>
      <tr>
        <th scope="col">${label({ zh: '提供部门', en: 'provider' })}</th>
        <th scope="col">${label({ zh: '使用部门', en: 'consumer' })}</th>
        <th scope="col">${label({ zh: '目的', en: 'purpose' })}</th>
        <th scope="col" class="num">${label({ zh: '次数', en: 'disclosures' })}</th>
      </tr>
    </thead>
    <tbody>
      ${flows.map(
        (f) =>
          html`<tr data-flow="${f.provider}>${f.consumer}>${f.purpose}">
            <td>${f.provider}</td>
            <td>${f.consumer}</td>
            <td>${f.purpose}</td>
            <td class="num">${f.count}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function figuresTable(departments: readonly DepartmentFigures[], flows: readonly Flow[]): Html {
  const provided = new Map(totals(flows, 'provider'));
  const consumed = new Map(totals(flows, 'consumer'));
  const shown = departments.filter((d) => d.subgraph);
  const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
  return html`<table class="figures">
    <caption>
      ${label({ zh: '各部门协同与评价', en: 'Departments: sharing beside 12345 and 好差评' })}
    </caption>
    <thead>
      <tr>
        <th scope="col">${label({ zh: '部门', en: 'department' })}</th>
        <th scope="col" class="num">${label({ zh: '提供次数', en: 'provided' })}</th>
        <th scope="col" class="num">${label({ zh: '使用次数', en: 'consumed' })}</th>
        <th scope="col" class="num">${label({ zh: '12345 受理', en: 'appeals received' })}</th>
        <th scope="col" class="num">${label({ zh: '12345 办结', en: 'closed' })}</th>
        <th scope="col" class="num">${label({ zh: '12345 满意度', en: 'satisfaction (1–5)' })}</th>
        <th scope="col" class="num">${label({ zh: '好差评 评价数', en: 'ratings' })}</th>
        <th scope="col" class="num">${label({ zh: '好差评 满意率', en: 'satisfied' })}</th>
        <th scope="col" class="num">
          ${label({ zh: '数据使用质疑 已答复/受理', en: 'challenges answered/raised' })}
        </th>
        <th scope="col" class="num">
          ${label({ zh: '质疑答复评价', en: 'answers’ rating (1–5), rated' })}
        </th>
      </tr>
    </thead>
    <tbody>
      ${shown.map(
        (d) =>
          html`<tr data-department="${d.subgraph}">
            <td>${d.name}<br /><small>${d.subgraph}</small></td>
            <td class="num">${provided.get(d.subgraph!) ?? 0}</td>
            <td class="num">${consumed.get(d.subgraph!) ?? 0}</td>
            <td class="num">${d.appealSummary.received}</td>
            <td class="num">${d.appealSummary.closed}</td>
            <td class="num">${d.appealSummary.averageSatisfaction?.toFixed(2) ?? '—'}</td>
            <td class="num">${d.ratingSummary.total}</td>
            <td class="num">${pct(d.ratingSummary.satisfactionRate)}</td>
            <td class="num" data-challenges>
              ${d.disclosureChallenges.answered}/${d.disclosureChallenges.challenges}
            </td>
            <td class="num" data-challenge-rating>
              ${d.disclosureChallenges.averageRating?.toFixed(2) ?? '—'}
              (${d.disclosureChallenges.rated})
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
