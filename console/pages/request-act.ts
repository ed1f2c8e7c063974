import { html } from '../html';
import { label } from '../i18n';
import { definePage } from '../page';
import { STEP_OPERATIONS, type ReceiptView } from '../queries/requests';
import { stepVariables } from '../requests/forms';
import { EVENT_KINDS, named, REQUEST_STATES } from '../requests/labels';
import { requestNumber } from '../requests/steps';
import { redirect } from '../respond';
import { CONSOLE_PATH } from '../session';

interface Change {
  request: { number: string; state: string };
  receipt: ReceiptView | null;
}

/**
 * The step forms' target: one mutation through the graph as the signed-in official. A step
 * that writes a policy revision (a reply, suspension, resumption, termination) shows its
 * receipt: the revision, the replicas it is live on and those that lag; any other goes back
 * to the request. A refused step shows the graph's error (the routes do).
 */
export const requestActionPage = definePage({
  path: '/request/act',
  title: { zh: '办理共享申请', en: 'A step of a sharing request' },
  roles: ['sharing-agency', 'data-authority'],
  method: 'POST',
  async render({ form, graph }) {
    const number = requestNumber(form?.get('number'));
    const action = form?.get('action') ?? '';
    // Own keys only: 'constructor' or '__proto__' names no step.
    const operation = Object.hasOwn(STEP_OPERATIONS, action) ? STEP_OPERATIONS[action] : undefined;
    if (!operation || !form) throw new RangeError('Choose a step of the request.');
    const data = await graph<Record<string, unknown>>(
      operation,
      stepVariables(action, number, form),
    );
    const back = `${CONSOLE_PATH}/request?number=${number}`;
    if (!operation.receipt) return redirect(back);
    const change = Object.values(data)[0] as Change;
    return html`<p class="ok" role="status">
        ${label(named(EVENT_KINDS, action))}: ${number} →
        <strong class="state">${label(named(REQUEST_STATES, change.request.state))}</strong>
      </p>
      ${receiptTable(change.receipt)}
      <p><a href="${back}">${label({ zh: '返回申请', en: 'Back to the request' })}</a></p>`;
  },
});

function receiptTable(receipt: ReceiptView | null) {
  if (!receipt)
    return html`<p>
      ${label({ zh: '本步骤未产生政策版本。', en: 'This step wrote no policy revision.' })}
    </p>`;
  const list = (names: string[]) => (names.length ? names.join(', ') : '—');
  return html`<table class="facts receipt">
    <caption>
      ${label({ zh: '政策生效回执', en: 'Policy receipt' })}
    </caption>
    <tr>
      <th scope="row">${label({ zh: '政策版本', en: 'Revision' })}</th>
      <td class="revision">${receipt.revision}</td>
    </tr>
    <tr>
      <th scope="row">${label({ zh: '提交时间', en: 'Committed (UTC)' })}</th>
      <td>${receipt.committedAt.slice(0, 19).replace('T', ' ')}</td>
    </tr>
    <tr>
      <th scope="row">${label({ zh: '全部副本生效', en: 'In force everywhere' })}</th>
      <td>
        ${receipt.inForceEverywhereAt?.slice(0, 19).replace('T', ' ') ?? html`<strong class="broken">${label({ zh: '尚未', en: 'not yet' })}</strong>`}
      </td>
    </tr>
    <tr>
      <th scope="row">${label({ zh: '已生效副本', en: 'Live on' })}</th>
      <td class="live">${list(receipt.live)}</td>
    </tr>
    <tr>
      <th scope="row">${label({ zh: '滞后副本', en: 'Lagging' })}</th>
      <td class="lagging">${list(receipt.lagging)}</td>
    </tr>
  </table>`;
}
