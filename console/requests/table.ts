import { html, type Html } from '../html';
import { label } from '../i18n';
import type { RequestRow } from '../queries/requests';
import { CONSOLE_PATH } from '../session';
import { named, REQUEST_STATES } from './labels';

/** The working-day clock of a request: due date, working days left, overdue highlighted. */
export function clock(r: Pick<RequestRow, 'replyDue' | 'workingDaysLeft' | 'overdue'>): Html {
  if (r.workingDaysLeft === null) return html`<span class="clock">${r.replyDue}</span>`;
  return html`<span class="clock${r.overdue ? ' broken' : ''}"
    >${r.replyDue} ·
    ${
      r.overdue
        ? label({
            zh: `已超期 ${-r.workingDaysLeft} 个工作日`,
            en: `overdue by ${-r.workingDaysLeft} working days`,
          })
        : label({
            zh: `剩 ${r.workingDaysLeft} 个工作日`,
            en: `${r.workingDaysLeft} working days left`,
          })
    }</span
  >`;
}

/** Requests as a table, most urgent first as the graph orders them. */
export function requestsTable(rows: readonly RequestRow[], caption: Html): Html {
  return html`<table class="requests">
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${label({ zh: '编号', en: 'Number' })}</th>
        <th scope="col">${label({ zh: '申请方', en: 'Requester' })}</th>
        <th scope="col">${label({ zh: '提供方', en: 'Provider' })}</th>
        <th scope="col">${label({ zh: '用途', en: 'Purpose' })}</th>
        <th scope="col">${label({ zh: '状态', en: 'State' })}</th>
        <th scope="col">${label({ zh: '提交', en: 'Submitted' })}</th>
        <th scope="col">${label({ zh: '答复期限', en: 'Reply due' })}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr data-request="${r.number}" class="${r.overdue ? 'overdue' : ''}">
            <td><a href="${CONSOLE_PATH}/request?number=${r.number}">${r.number}</a></td>
            <td>${r.requester} / ${r.requesterRole}</td>
            <td>${r.provider}</td>
            <td>${r.purpose}</td>
            <td>${label(named(REQUEST_STATES, r.state))}</td>
            <td>${r.submittedAt.slice(0, 10)}</td>
            <td>${clock(r)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
