import { html, type Html } from '../html';
import { label, zh, type Label } from '../i18n';
import type { RequestView } from '../queries/requests';
import { CONSOLE_PATH } from '../session';
import { REFUSAL_REASONS } from './labels';

/** Where every step form posts. */
export const ACT = `${CONSOLE_PATH}/request/act`;

const REASON: Label = { zh: '理由', en: 'Reason' };

/** One step's form: the request number and the step, the step's own fields, its buttons. */
function stepForm(r: RequestView, action: string, title: Label, body: Html): Html {
  return html`<form method="post" action="${ACT}" class="step step-${action}">
    <fieldset>
      <legend>${label(title)}</legend>
      <input type="hidden" name="number" value="${r.number}" />
      <input type="hidden" name="action" value="${action}" />
      ${body}
    </fieldset>
  </form>`;
}

const text = (name: string, title: Label, rows = 2) =>
  html`<label
    >${label(title)}
    <textarea name="${name}" rows="${rows}" maxlength="2000" required></textarea>
  </label>`;

const button = (title: Label, name?: string, value?: string) =>
  html`<button type="submit" ${name ? html`name="${name}" value="${value}"` : ''}>
    ${zh(title)}
  </button>`;

/** Simple steps: one sentence and a button. */
const SENTENCE_STEPS: Record<string, { title: Label; field: string; prompt: Label }> = {
  supplement: {
    title: { zh: '补正材料', en: 'Supplement the materials' },
    field: 'note',
    prompt: { zh: '补正说明', en: 'What you supply' },
  },
  'open-dispute': {
    title: { zh: '提出争议（第二十八条）', en: 'Open a dispute (art. 28)' },
    field: 'reason',
    prompt: REASON,
  },
  'advance-dispute': {
    title: { zh: '推进争议处理', en: 'Move the dispute on' },
    field: 'note',
    prompt: { zh: '处理意见', en: 'Note' },
  },
  suspend: {
    title: { zh: '暂停共享（第二十七条）', en: 'Suspend (art. 27)' },
    field: 'reason',
    prompt: REASON,
  },
  resume: { title: { zh: '恢复共享', en: 'Resume' }, field: 'reason', prompt: REASON },
  terminate: {
    title: { zh: '终止共享（第二十七条）', en: 'Terminate (art. 27)' },
    field: 'reason',
    prompt: REASON,
  },
  'confirm-disposal': {
    title: { zh: '确认数据已处置', en: 'Confirm disposal' },
    field: 'method',
    prompt: { zh: '处置方式', en: 'How the data was disposed of' },
  },
};

/** The forms of the steps offered, in the order given. */
export function stepForms(r: RequestView, steps: readonly string[]): Html {
  if (!steps.length)
    return html`<p>
      ${label({ zh: '您的部门在此状态下没有可办理的步骤。', en: 'No step is yours in this state.' })}
    </p>`;
  return html`${steps.map((step) => formOf(r, step))}`;
}

function formOf(r: RequestView, step: string): Html {
  const sentence = SENTENCE_STEPS[step];
  if (sentence)
    return stepForm(
      r,
      step,
      sentence.title,
      html`${text(sentence.field, sentence.prompt)} ${button(sentence.title)}`,
    );
  if (step === 'return')
    return stepForm(
      r,
      'return',
      {
        zh: '退回补正（仅一次，一次性列明）',
        en: 'Return for supplement (once, list everything missing)',
      },
      html`${text('missing', { zh: '所缺材料（每行一项）', en: 'Missing, one per line' }, 3)}
      ${button({ zh: '退回', en: 'Return' })}`,
    );
  if (step === 'request-extension')
    return stepForm(
      r,
      'request-extension',
      { zh: '申请延期（最多10个工作日）', en: 'Ask for an extension (at most 10 working days)' },
      html`<label
          >${label({ zh: '工作日', en: 'Working days' })}
          <input name="workingDays" type="number" min="1" max="10" value="5" required />
        </label>
        ${text('reason', REASON)} ${button({ zh: '申请延期', en: 'Ask' })}`,
    );
  if (step === 'decide-extension')
    return stepForm(
      r,
      'decide-extension',
      { zh: `延期决定（申请 ${r.extensionDays ?? '?'} 个工作日）`, en: 'Decide the extension' },
      html`${text('reason', REASON)} ${button({ zh: '同意延期', en: 'Approve' }, 'approve', 'true')}
      ${button({ zh: '不同意', en: 'Refuse' }, 'approve', 'false')}`,
    );
  if (step === 'reply') return replyForms(r);
  if (step === 'decide-dispute') return decisionForm(r);
  if (step === 'file-narrowing') return narrowingForm(r);
  return html``;
}

/** The provider's reply (art. 21): approve, approve in part, refuse with a reason code. */
function replyForms(r: RequestView): Html {
  const approve = stepForm(
    r,
    'reply',
    { zh: '同意共享', en: 'Approve' },
    html`<input type="hidden" name="reply" value="APPROVE" />
      ${button({ zh: '同意', en: 'Approve in full' })}`,
  );
  const part = stepForm(
    r,
    'reply',
    { zh: '部分同意（减少数据项或脱敏）', en: 'Approve in part (fewer items, or masked)' },
    html`<input type="hidden" name="reply" value="APPROVE_IN_PART" /> ${fieldChoices(r.fields)}
      ${button({ zh: '部分同意', en: 'Approve in part' })}`,
  );
  const refuse = stepForm(
    r,
    'reply',
    { zh: '不予共享（须说明理由）', en: 'Refuse (with a reason)' },
    html`<input type="hidden" name="reply" value="REFUSE" />
      <label
        >${label({ zh: '理由代码', en: 'Reason code' })}
        <select name="reason" required>
          ${Object.entries(REFUSAL_REASONS).map(
            ([code, l]) => html`<option value="${code}">${l.zh} ${code}</option>`,
          )}
        </select></label
      >
      ${text('explanation', { zh: '说明', en: 'Explanation' })}
      ${button({ zh: '不予共享', en: 'Refuse' })}`,
  );
  return html`${approve} ${part} ${refuse}`;
}

/** Each field with a box to keep it and its access (full or masked): fewer, or masked. */
function fieldChoices(fields: RequestView['fields']): Html {
  return html`<table class="fields">
    <thead>
      <tr>
        <th scope="col">${label({ zh: '数据项', en: 'Field' })}</th>
        <th scope="col">${label({ zh: '方式', en: 'Access' })}</th>
      </tr>
    </thead>
    <tbody>
      ${fields.map(
        (f) =>
          html`<tr>
            <td>
              <label
                ><input type="checkbox" name="field" value="${f.coordinate}" checked />
                <code>${f.coordinate}</code></label
              >
            </td>
            <td>
              <label
                ><span class="visually-hidden">${f.coordinate}</span>
                <select name="access:${f.coordinate}">
                  <option value="FULL" ${f.access === 'FULL' ? html`selected` : ''}>
                    明文 full
                  </option>
                  <option value="MASKED" ${f.access === 'MASKED' ? html`selected` : ''}>
                    脱敏 masked
                  </option>
                </select></label
              >
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The data authority's decision of a dispute (art. 28), and the provider's filing (备案). */
function decisionForm(r: RequestView): Html {
  return stepForm(
    r,
    'decide-dispute',
    { zh: '争议决定（第二十八条）', en: 'Decide the dispute (art. 28)' },
    html`<label
        >${label({ zh: '决定', en: 'Outcome' })}
        <select name="outcome" required>
          <option value="UPHOLD">维持答复 UPHOLD</option>
          <option value="APPROVE">同意共享 APPROVE</option>
          <option value="APPROVE_IN_PART">部分同意 APPROVE_IN_PART</option>
        </select></label
      >
      ${fieldChoices(r.fields)} ${text('note', { zh: '决定理由', en: 'Reasons' })}
      ${button({ zh: '作出决定', en: 'Decide' })}`,
  );
}

function narrowingForm(r: RequestView): Html {
  return stepForm(
    r,
    'file-narrowing',
    {
      zh: '缩小共享范围并向数据主管部门备案',
      en: 'Narrow the grant and file it with the data authority',
    },
    html`${fieldChoices(r.approvedFields ?? r.fields)} ${text('reason', REASON)}
    ${button({ zh: '备案', en: 'File' })}`,
  );
}

/**
 * The variables of a step's mutation from its posted form. Shapes only: what the values
 * mean (a reason long enough, a subset of the fields) the graph decides.
 */
export function stepVariables(action: string, number: string, form: URLSearchParams) {
  const get = (name: string) => form.get(name)?.trim() ?? '';
  switch (action) {
    case 'return':
      return { number, missing: lines(get('missing')) };
    case 'supplement':
    case 'advance-dispute':
      return { number, note: get('note') };
    case 'request-extension': {
      const days = get('workingDays');
      if (!/^\d{1,3}$/.test(days)) throw new RangeError('Working days: a whole number.');
      return { number, workingDays: Number(days), reason: get('reason') };
    }
    case 'decide-extension':
      return { number, approve: get('approve') === 'true', reason: get('reason') };
    case 'reply':
      return { input: replyInput(number, form) };
    case 'decide-dispute': {
      const outcome = get('outcome');
      if (!['UPHOLD', 'APPROVE', 'APPROVE_IN_PART'].includes(outcome))
        throw new RangeError('Outcome: UPHOLD, APPROVE or APPROVE_IN_PART.');
      return {
        input: {
          number,
          outcome,
          note: get('note'),
          ...(outcome === 'APPROVE_IN_PART' && { fields: chosenFields(form) }),
        },
      };
    }
    case 'file-narrowing':
      return { input: { number, fields: chosenFields(form), reason: get('reason') } };
    case 'confirm-disposal':
      return { number, method: get('method') };
    case 'open-dispute':
    case 'suspend':
    case 'resume':
    case 'terminate':
      return { number, reason: get('reason') };
    default:
      throw new RangeError('Choose a step of the request.');
  }
}

function replyInput(number: string, form: URLSearchParams) {
  const reply = form.get('reply');
  if (reply === 'APPROVE') return { number, reply };
  if (reply === 'APPROVE_IN_PART') return { number, reply, fields: chosenFields(form) };
  if (reply === 'REFUSE')
    return {
      number,
      reply,
      reason: form.get('reason') || null,
      explanation: form.get('explanation')?.trim() || null,
    };
  throw new RangeError('Reply: APPROVE, APPROVE_IN_PART or REFUSE.');
}

/** The fields ticked in fieldChoices, each with its access (anything but FULL is masked). */
function chosenFields(form: URLSearchParams) {
  return form.getAll('field').map((coordinate) => ({
    coordinate,
    access: form.get(`access:${coordinate}`) === 'FULL' ? 'FULL' : 'MASKED',
  }));
}

/** Non-empty trimmed lines. */
export function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
