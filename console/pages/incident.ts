import { html } from '../html';
import { label } from '../i18n';
import { incidentForms } from '../incidents/forms';
import { explained, KINDS, RATINGS, ruleLabel, STATUSES } from '../incidents/labels';
import { definePage } from '../page';
import { INCIDENT, type IncidentView } from '../queries/incidents';
import { CONSOLE_PATH } from '../session';

/** An incident id from the URL or a form. */
export function incidentId(value: string | null): string {
  if (!value || !/^INC[0-9]{8}$/.test(value))
    throw new RangeError('Give an incident id: INC and eight digits, e.g. INC00000042.');
  return value;
}

/**
 * Item 3: one incident: what the rule saw and why, its parameters, the evidence records, the
 * workflow and comments; a challenge shows the citizen's reason, the deadline and the answer.
 */
export const incidentPage = definePage({
  path: '/incident',
  title: { zh: '事件详情', en: 'Incident' },
  roles: ['privacy-officer', 'privacy-contact', 'auditor'],
  nav: false,
  async render({ url, graph, role }) {
    const id = incidentId(url.searchParams.get('id'));
    const { incident } = await graph<{ incident: IncidentView | null }>(INCIDENT, { id });
    if (!incident) throw new RangeError(`No incident ${id} is open to you.`);
    const row = (name: { zh: string; en: string }, value: unknown) =>
      html`<tr>
        <th scope="row">${label(name)}</th>
        <td>${value}</td>
      </tr>`;
    return html`<h2>
        ${incident.id} · ${label(KINDS[incident.kind]!)} ·
        <span class="status">${label(STATUSES[incident.status]!)}</span>
      </h2>
      <p class="explanation">${explained(incident)}</p>
      <table class="facts">
        ${row({ zh: '规则', en: 'Rule' }, html`${label(ruleLabel(incident.rule))} <code>${incident.rule}</code>`)}
        ${row({ zh: '参数', en: 'Parameters' }, html`<code>${incident.parameters}</code>`)}
        ${row({ zh: '涉及工作人员', en: 'Official' }, incident.official ? html`<a href="${CONSOLE_PATH}/official?id=${encodeURIComponent(incident.official)}">${incident.official}</a>` : '—')}
        ${row({ zh: '部门', en: 'Department' }, incident.department ?? '—')}
        ${row({ zh: '承办人', en: 'Assignee' }, incident.assignee ?? '—')}
        ${row({ zh: '处理理由', en: 'Reason' }, incident.statusReason ?? '—')}
        ${
          incident.kind === 'CHALLENGE'
            ? html`${row({ zh: '群众理由', en: 'Citizen’s reason' }, incident.challengeReason)}
              ${row({ zh: '答复期限', en: 'Answer by' }, html`${incident.deadline}${incident.overdue ? html` <strong class="broken">${label({ zh: '已超期', en: 'overdue' })}</strong>` : ''}`)}
              ${row({ zh: '答复', en: 'Reply' }, incident.reply ?? '—')}
              ${row({ zh: '群众评价', en: 'Citizen’s rating' }, incident.rating ? html`${incident.rating} · ${label(RATINGS[incident.rating]!)}` : '—')}`
            : ''
        }
      </table>
      <h2>${label({ zh: '证据记录', en: 'Evidence records' })} (${incident.evidence.length})</h2>
      <ul class="evidence">
        ${incident.evidence.slice(0, 50).map((r) => html`<li><code>${r}</code></li>`)}
      </ul>
      <p>
        <a href="${CONSOLE_PATH}/incident/bundle?id=${incident.id}"
          >${label({ zh: '导出证据包（JSON，含链校验）', en: 'Export the evidence bundle (JSON, chains verified)' })}</a
        >
      </p>
      <h2>${label({ zh: '备注', en: 'Comments' })}</h2>
      <ul class="comments">
        ${incident.comments.map((c) => html`<li>${c.at.slice(0, 16).replace('T', ' ')} <strong>${c.author}</strong>: ${c.text}</li>`)}
      </ul>
      ${role === 'auditor' ? '' : incidentForms(incident, role === 'privacy-contact')}`;
  },
});
