import { html } from '../html';
import { label } from '../i18n';
import { explained, KINDS, ruleLabel, STATUSES } from '../incidents/labels';
import { definePage } from '../page';
import { INCIDENTS, type IncidentView } from '../queries/incidents';
import { CONSOLE_PATH } from '../session';

const STATUS = /^(NEW|TRIAGED|CONFIRMED|DISMISSED|CLOSED)$/;

/**
 * Item 3: the incidents inbox: what the anomaly rules raised and citizens' challenges, newest
 * first, by status. The privacy officer sees the city; a privacy contact their department.
 */
export const incidentsPage = definePage({
  path: '/incidents',
  title: { zh: '事件收件箱', en: 'Incidents inbox' },
  roles: ['privacy-officer', 'privacy-contact', 'auditor'],
  async render({ url, graph }) {
    const status = url.searchParams.get('status') || null;
    if (status !== null && !STATUS.test(status)) throw new RangeError('No such incident status.');
    const { incidents } = await graph<{ incidents: IncidentView[] }>(INCIDENTS, { status });
    const tab = (code: string | null, text: { zh: string; en: string }) =>
      html`<li>
        <a
          href="${CONSOLE_PATH}/incidents${code ? `?status=${code}` : ''}"
          ${status === code ? html`aria-current="page"` : ''}
          >${label(text)}</a
        >
      </li>`;
    return html`<nav aria-label="状态">
        <ul class="tabs">
          ${tab(null, { zh: '全部', en: 'all' })}
          ${Object.entries(STATUSES).map(([code, text]) => tab(code, text))}
        </ul>
      </nav>
      ${
        incidents.length === 0
          ? html`<p>${label({ zh: '没有事件。', en: 'No incidents.' })}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">${label({ zh: '编号', en: 'Id' })}</th>
                  <th scope="col">${label({ zh: '类型', en: 'Kind' })}</th>
                  <th scope="col">${label({ zh: '说明', en: 'Explanation' })}</th>
                  <th scope="col">${label({ zh: '部门', en: 'Department' })}</th>
                  <th scope="col">${label({ zh: '状态', en: 'Status' })}</th>
                  <th scope="col">${label({ zh: '承办人', en: 'Assignee' })}</th>
                  <th scope="col">${label({ zh: '时间', en: 'Raised' })}</th>
                </tr>
              </thead>
              <tbody>
                ${incidents.map(
                  (i) =>
                    html`<tr data-incident="${i.id}">
                      <td><a href="${CONSOLE_PATH}/incident?id=${i.id}">${i.id}</a></td>
                      <td>${label(KINDS[i.kind]!)}<br />${label(ruleLabel(i.rule))}</td>
                      <td>
                        ${explained(i)}${i.overdue ? html` <strong class="broken">${label({ zh: '已超期', en: 'overdue' })}</strong>` : ''}
                      </td>
                      <td>${i.department ?? '—'}</td>
                      <td>${label(STATUSES[i.status]!)}</td>
                      <td>${i.assignee ?? '—'}</td>
                      <td>${i.raisedAt.slice(0, 16).replace('T', ' ')}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }`;
  },
});
