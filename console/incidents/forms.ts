import { html, type Html } from '../html';
import { label, zh } from '../i18n';
import type { IncidentView } from '../queries/incidents';
import { CONSOLE_PATH } from '../session';
import { NEXT, STATUSES } from './labels';

const ACT = `${CONSOLE_PATH}/incident/act`;

/** The forms that work an incident: move, assign, comment and (a challenge) answer. */
export function incidentForms(incident: IncidentView, canAnswer: boolean): Html {
  const hidden = html`<input type="hidden" name="id" value="${incident.id}" />`;
  const answering = canAnswer && incident.kind === 'CHALLENGE' && incident.repliedAt === null;
  // A challenge is decided by its answer; before it, it can only be taken up (办理).
  const moves = (NEXT[incident.status] ?? []).filter((to) => !answering || to === 'TRIAGED');
  return html`<section aria-labelledby="work">
    <h2 id="work">${label({ zh: '处理', en: 'Work it' })}</h2>
    ${
      moves.length
        ? html`<form method="post" action="${ACT}" class="move">
            ${hidden}<input type="hidden" name="action" value="move" />
            <label
              >${label({ zh: '理由（确认或排除时必填）', en: 'Reason (required to confirm or dismiss)' })}
              <textarea name="reason" rows="2" maxlength="2000"></textarea>
            </label>
            ${moves.map((to) => html`<button name="to" value="${to}">${zh(STATUSES[to]!)}</button> `)}
          </form>`
        : ''
    }
    ${
      answering
        ? html`<form method="post" action="${ACT}" class="answer">
            ${hidden}<input type="hidden" name="action" value="answer" />
            <label
              >${label({ zh: '答复（群众可见）', en: 'Reply (the citizen reads it)' })}
              <textarea name="reply" rows="4" maxlength="2000" required></textarea>
            </label>
            <button name="finding" value="DISMISSED">
              ${zh({ zh: '依法履职，予以说明', en: 'Lawful: explain' })}
            </button>
            <button name="finding" value="CONFIRMED">
              ${zh({ zh: '查询不当，予以纠正', en: 'Not justified: correct' })}
            </button>
          </form>`
        : ''
    }
    <form method="post" action="${ACT}" class="assign">
      ${hidden}<input type="hidden" name="action" value="assign" />
      <label
        >${label({ zh: '承办人账号', en: 'Assignee account' })}
        <input name="assignee" value="${incident.assignee ?? ''}" maxlength="100"
      /></label>
      <button>${zh({ zh: '指派', en: 'Assign' })}</button>
    </form>
    <form method="post" action="${ACT}" class="comment">
      ${hidden}<input type="hidden" name="action" value="comment" />
      <label
        >${label({ zh: '备注', en: 'Comment' })}
        <textarea name="text" rows="2" maxlength="2000" required></textarea>
      </label>
      <button>${zh({ zh: '添加备注', en: 'Add comment' })}</button>
    </form>
  </section>`;
}
