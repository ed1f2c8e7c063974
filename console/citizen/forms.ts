import { html, type Html } from '../html';
import { label, zh } from '../i18n';
import { RATINGS } from '../incidents/labels';
import type { ChallengeView } from '../queries/citizen';
import { CONSOLE_PATH } from '../session';

/** The flag form of one disclosure: a short reason, posted to /me/challenge. */
export function flagForm(recordId: string): Html {
  return html`<details class="flag">
    <summary>${zh({ zh: '我不认可这次查询', en: 'I do not recognise this read' })}</summary>
    <form method="post" action="${CONSOLE_PATH}/me/challenge" class="challenge">
      <input type="hidden" name="recordId" value="${recordId}" />
      <label
        >${label({ zh: '理由（不要填写身份证号、手机号）', en: 'Why (no ID number or mobile)' })}
        <textarea name="reason" rows="3" maxlength="500" required></textarea>
      </label>
      <button type="submit">${zh({ zh: '提出质疑', en: 'Challenge it' })}</button>
    </form>
  </details>`;
}

/** The 好差评 form of an answered challenge: five levels and an optional comment. */
export function rateForm(challenge: ChallengeView): Html {
  return html`<form method="post" action="${CONSOLE_PATH}/me/rate" class="rate">
    <input type="hidden" name="id" value="${challenge.id}" />
    <fieldset>
      <legend>${label({ zh: '对答复的评价（好差评）', en: 'Rate the answer' })}</legend>
      ${[5, 4, 3, 2, 1].map(
        (level) =>
          html`<label class="choice"
            ><input type="radio" name="rating" value="${level}" required /> ${level} ·
            ${label(RATINGS[level]!)}</label
          >`,
      )}
    </fieldset>
    <label
      >${label({ zh: '意见（可不填）', en: 'Comment (optional)' })}
      <textarea name="comment" rows="2" maxlength="500"></textarea>
    </label>
    <button type="submit">${zh({ zh: '提交评价', en: 'Rate' })}</button>
  </form>`;
}
