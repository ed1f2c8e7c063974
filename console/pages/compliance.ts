import { complianceCsv } from '../compliance/csv';
import { complianceReport, periodOf, type ComplianceReport } from '../compliance/report';
import { html, type Html } from '../html';
import { label, zh } from '../i18n';
import { definePage, download } from '../page';
import { CONSOLE_PATH } from '../session';

const TITLE = { zh: '合规报告', en: 'Compliance report' };
const ROLES = ['privacy-officer', 'auditor'] as const;

/** Item 8: a period's compliance report, printable. */
export const compliancePage = definePage({
  path: '/compliance',
  title: TITLE,
  roles: ROLES,
  async render({ url, graph }) {
    const period = periodOf(url.searchParams);
    const report = await complianceReport(graph, period);
    const csv = new URLSearchParams(period);
    return html`<form class="filters" method="get" action="${CONSOLE_PATH}/compliance">
        <label
          >${label({ zh: '起始日期', en: 'from' })}<input
            name="from"
            type="date"
            value="${period.from}"
        /></label>
        <label
          >${label({ zh: '截止日期（不含）', en: 'to, exclusive' })}<input
            name="to"
            type="date"
            value="${period.to}"
        /></label>
        <button type="submit">${zh({ zh: '生成', en: 'Report' })}</button>
      </form>
      <p class="no-print">
        <a href="${CONSOLE_PATH}/compliance/export?${csv.toString()}" download>CSV</a> ·
        ${label({ zh: '打印本页即为报告', en: 'print this page for the report' })}
      </p>
      ${reportBody(report)}`;
  },
});

/** Item 8: the same report as CSV. */
export const complianceExportPage = definePage({
  path: '/compliance/export',
  title: TITLE,
  roles: ROLES,
  nav: false,
  async render({ url, graph }) {
    const period = periodOf(url.searchParams);
    const report = await complianceReport(graph, period);
    return download(
      complianceCsv(report),
      'text/csv; charset=utf-8',
      `compliance-${period.from}-${period.to}.csv`,
    );
  },
});

function reportBody(report: ComplianceReport): Html {
  return html`<p>
      ${label({ zh: '报告期间', en: 'Period' })}: ${report.from} — ${report.to} ·
      ${label({ zh: '访问记录', en: 'records' })}:
      ${report.records}${report.cut && html` <strong class="problem">${label({ zh: '已截断', en: 'cut: choose a shorter period' })}</strong>`}
    </p>
    <h2>
      ${label({ zh: '按部门、目的和敏感程度的数据使用', en: 'Disclosures by department, purpose and sensitivity' })}
    </h2>
    <table class="tallies">
      <thead>
        <tr>
          <th scope="col">${label({ zh: '使用部门', en: 'department' })}</th>
          <th scope="col">${label({ zh: '目的', en: 'purpose' })}</th>
          <th scope="col" class="num">${label({ zh: '已提供', en: 'served' })}</th>
          <th scope="col" class="num">${label({ zh: '已拒绝', en: 'refused' })}</th>
          <th scope="col" class="num">${label({ zh: '含敏感信息', en: 'with sensitive' })}</th>
          <th scope="col" class="num">${label({ zh: '含个人信息', en: 'with personal' })}</th>
        </tr>
      </thead>
      <tbody>
        ${report.tallies.map(
          (t) =>
            html`<tr data-tally="${t.department}|${t.purpose}">
              <td>${t.department}</td>
              <td>${t.purpose}</td>
              <td class="num">${t.served}</td>
              <td class="num">${t.refused}</td>
              <td class="num">${t.sensitive}</td>
              <td class="num">${t.personal}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h2>${label({ zh: '哈希链状态', en: 'Chain status' })}</h2>
    ${report.chain.ok ? html`<p class="ok">${label({ zh: `所有哈希链完整（${report.chain.streams.length} 个写入流）`, en: 'every chain whole' })}</p>` : html`<p class="broken">${zh({ zh: '哈希链断裂', en: 'chain broken' })}：${report.chain.firstBreak?.description}</p>`}
    <h2>${label({ zh: '政策变更', en: 'Policy changes' })}</h2>
    ${
      report.policyChanges.length
        ? html`<ul>
            ${report.policyChanges.map((r) => html`<li>${r.revision} · ${r.cause} · ${r.author} · ${r.createdAt}${r.note && ` · ${r.note}`}</li>`)}
          </ul>`
        : html`<p>${label({ zh: '本期间无政策变更。', en: 'No policy change in the period.' })}</p>`
    }
    <h2>${label({ zh: '事件与逾期事项', en: 'Incidents and overdue workflow items' })}</h2>
    <p>
      ${label({ zh: '尚未接入：由事件模块在图谱中提供后补充。', en: 'Not yet in the graph on this branch: added when the incidents module lands.' })}
    </p>`;
}
