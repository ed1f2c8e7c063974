import { GraphRefusal } from '../graph';
import { html, type Html } from '../html';
import { label, zh, type Label } from '../i18n';
import { definePage } from '../page';
import { SUBMIT } from '../queries/requests';
import { draftFromForm, draftFromQuery, submission, type Draft } from '../requests/draft';
import { METHODS } from '../requests/labels';
import { redirect } from '../respond';
import { CONSOLE_PATH } from '../session';

const TITLE: Label = { zh: '提出共享申请', en: 'File a sharing request' };

/**
 * A new request (art. 20): the form, pre-filled from a denial's request when the query string
 * carries it (`input`: the JSON of a FORBIDDEN error's extensions.sharingRequests[].input).
 */
export const newRequestPage = definePage({
  path: '/request/new',
  title: TITLE,
  roles: ['sharing-agency'],
  nav: false,
  async render({ url }) {
    return requestForm(draftFromQuery(url.searchParams), url.searchParams.has('input'));
  },
});

/** Files the request; the form comes back with the graph's refusal beside it. */
export const submitRequestPage = definePage({
  path: '/request/new',
  title: TITLE,
  roles: ['sharing-agency'],
  method: 'POST',
  async render({ form, graph }) {
    const draft = draftFromForm(form ?? new URLSearchParams());
    try {
      const { submitSharingRequest } = await graph<{ submitSharingRequest: { number: string } }>(
        SUBMIT,
        { input: submission(draft) },
      );
      return redirect(`${CONSOLE_PATH}/request?number=${submitSharingRequest.number}`);
    } catch (error) {
      if (!(error instanceof GraphRefusal)) throw error;
      const problem = html`<div class="problem" role="alert">
        <p>${label({ zh: '数据图谱拒绝了申请', en: 'The graph refused the request' })}</p>
        <ul>
          ${error.errors.map((e) => html`<li><code>${e.extensions?.code ?? 'ERROR'}</code> ${e.message}</li>`)}
        </ul>
      </div>`;
      return requestForm(draft, false, problem);
    }
  },
});

function requestForm(draft: Draft, prefilled: boolean, problem?: Html): Html {
  const input = (name: keyof Draft, title: Label, extra?: Html) =>
    html`<label
      >${label(title)}<input name="${name}" value="${draft[name]}" maxlength="2000" ${extra ?? ''}
    /></label>`;
  const area = (name: keyof Draft, title: Label, required: boolean) =>
    html`<label
      >${label(title)}<textarea
        name="${name}"
        rows="4"
        maxlength="4000"
        ${required ? html`required` : ''}
      >
${draft[name]}</textarea>
    </label>`;
  return html`${problem}
    ${
      prefilled
        ? html`<p class="ok">
            ${label({ zh: '已根据被拒绝的查询预填：请补充依据、场景、范围、时限与同意文件。', en: 'Pre-filled from a denial: add the legal basis, scenario, scope, period and consent.' })}
          </p>`
        : ''
    }
    <form method="post" action="${CONSOLE_PATH}/request/new" class="sign-in request-form">
      ${input('provider', { zh: '提供部门', en: 'Provider (subgraph name)' }, html`required`)}
      ${input('consumerRole', { zh: '使用角色（默认本人角色）', en: 'Consumer role (default: yours)' })}
      ${input('purpose', { zh: '用途代码', en: 'Purpose code' }, html`required`)}
      ${input('legalBasis', { zh: '使用依据', en: 'Legal basis' }, html`required`)}
      ${input('scenario', { zh: '使用场景', en: 'Scenario' }, html`required`)}
      ${input('scope', { zh: '使用范围', en: 'Scope' }, html`required`)}
      <label
        >${label({ zh: '共享方式', en: 'Method' })}
        <select name="method">
          ${Object.entries(METHODS).map(
            ([code, l]) =>
              html`<option value="${code}" ${code === draft.method ? html`selected` : ''}>
                ${l.zh} ${code}
              </option>`,
          )}
        </select></label
      >
      ${input('periodEnd', { zh: '使用时限（最后一日）', en: 'Period ends (ISO date)' }, html`type="date" required`)}
      ${input('consent', { zh: '主要负责人同意文件文号', en: 'Agency head’s consent (document number)' }, html`required`)}
      ${area('fields', { zh: '数据项（每行：类型.字段 FULL 或 MASKED）', en: 'Fields, one "Type.field FULL|MASKED" a line' }, true)}
      ${area('rows', { zh: '行范围（每行：类型.字段 = 值，可空）', en: 'Rows, one "Type.field = value" a line (optional)' }, false)}
      ${input('personsPerOfficial', { zh: '每人每日人数上限（可空）', en: 'Daily persons per official (optional)' }, html`inputmode="numeric"`)}
      <button type="submit">${zh({ zh: '提交申请', en: 'Submit' })}</button>
    </form>`;
}
