import { citizenInput } from '../citizen/input';
import { flagForm, rateForm } from '../citizen/forms';
import { beijingTime, FINDINGS, STAGES } from '../citizen/labels';
import { html, type Html } from '../html';
import { label } from '../i18n';
import { RATINGS } from '../incidents/labels';
import { definePage } from '../page';
import {
  CHALLENGE,
  CHALLENGES_LISTED,
  MY_CHALLENGES,
  MY_RECORDS,
  RATE,
  type ChallengeView,
  type DisclosureView,
} from '../queries/citizen';
import { redirect } from '../respond';
import { pager } from '../search/table';
import { CONSOLE_PATH } from '../session';

/** Disclosures on one page of /me. */
const PAGE_SIZE = 20;

/**
 * Item 4, the citizen's side (人民评议 of data use): who read my data, when, from which
 * department and why (myAccessRecords), each with a form to challenge it.
 */
export const myRecordsPage = definePage({
  path: '/me',
  title: { zh: '谁查询了我的信息', en: 'Who read my data' },
  roles: ['citizen'],
  async render({ url, graph }) {
    const after = url.searchParams.get('after') || undefined;
    const { myAccessRecords, myChallenges } = await graph<{
      myAccessRecords: { records: DisclosureView[]; next: string | null };
      myChallenges: Pick<ChallengeView, 'id' | 'recordId' | 'stage'>[];
    }>(MY_RECORDS, { first: PAGE_SIZE, after, challenges: CHALLENGES_LISTED });
    const challenged = new Map(myChallenges.map((c) => [c.recordId, c]));
    const kept = new URLSearchParams(after ? { after } : {});
    return html`<p>
        ${label({ zh: '以下是政府部门查询您个人信息的记录。如有您不认可的查询，可以提出质疑，由查询部门在15个工作日内答复。', en: 'Every read of your personal information by a department. Challenge one you do not recognise: the department that read it answers within 15 working days.' })}
      </p>
      ${disclosuresTable(myAccessRecords.records, challenged)}
      ${pager('/me', kept, myAccessRecords.next)}`;
  },
});

function disclosuresTable(
  records: readonly DisclosureView[],
  challenged: ReadonlyMap<string, Pick<ChallengeView, 'id' | 'stage'>>,
): Html {
  if (records.length === 0)
    return html`<p>${label({ zh: '暂无查询记录。', en: 'No read of your data yet.' })}</p>`;
  return html`<table class="records disclosures">
    <caption>
      ${label({ zh: '查询记录（北京时间）', en: 'Reads (China Standard Time)' })}
    </caption>
    <thead>
      <tr>
        <th scope="col">${label({ zh: '时间', en: 'time' })}</th>
        <th scope="col">${label({ zh: '查询部门', en: 'department' })}</th>
        <th scope="col">${label({ zh: '目的', en: 'purpose' })}</th>
        <th scope="col">${label({ zh: '查询的信息', en: 'what was read' })}</th>
        <th scope="col">${label({ zh: '数据来源部门', en: 'data from' })}</th>
        <th scope="col">${label({ zh: '质疑', en: 'challenge' })}</th>
      </tr>
    </thead>
    <tbody>
      ${records.map((r) => {
        const challenge = challenged.get(r.id);
        return html`<tr data-record="${r.id}">
          <td><time datetime="${r.time}">${beijingTime(r.time)}</time></td>
          <td>${[r.department, r.role].filter(Boolean).join(' / ') || '—'}</td>
          <td>${r.purposeName ?? r.purpose ?? '—'}</td>
          <td>${r.fields.map((f) => html`<span class="field">${f}</span><br />`)}</td>
          <td>${r.departments.join(', ')}</td>
          <td>
            ${challenge ? html`<a href="${CONSOLE_PATH}/me/challenges#${challenge.id}">${challenge.id} · ${label(STAGES[challenge.stage]!)}</a>` : flagForm(r.id)}
          </td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** The citizen's challenges: accepted, handled, answered (the reply), rated (好差评). */
export const myChallengesPage = definePage({
  path: '/me/challenges',
  title: { zh: '我的质疑', en: 'My challenges' },
  roles: ['citizen'],
  async render({ graph }) {
    const { myChallenges } = await graph<{ myChallenges: ChallengeView[] }>(MY_CHALLENGES, {
      limit: CHALLENGES_LISTED,
    });
    if (myChallenges.length === 0)
      return html`<p>
        ${label({ zh: '您还没有提出质疑。', en: 'You have not challenged a read.' })}
      </p>`;
    return html`${myChallenges.map(challengeCard)}`;
  },
});

function challengeCard(c: ChallengeView): Html {
  const row = (name: { zh: string; en: string }, value: unknown) =>
    html`<tr>
      <th scope="row">${label(name)}</th>
      <td>${value}</td>
    </tr>`;
  return html`<section class="challenge-card" id="${c.id}" aria-labelledby="${c.id}-title">
    <h2 id="${c.id}-title">
      ${c.id} · ${c.department} · <span class="stage">${label(STAGES[c.stage]!)}</span>
    </h2>
    <table class="facts">
      ${row({ zh: '提出时间', en: 'Raised' }, html`<time datetime="${c.raisedAt}">${beijingTime(c.raisedAt)}</time>`)}
      ${row({ zh: '我的理由', en: 'My reason' }, c.reason)}
      ${row({ zh: '答复期限', en: 'Answer by' }, html`${c.deadline}${c.overdue ? html` <strong class="broken">${label({ zh: '已超期', en: 'overdue' })}</strong>` : ''}`)}
      ${row({ zh: '核查结论', en: 'Finding' }, c.finding ? label(FINDINGS[c.finding] ?? { zh: c.finding, en: c.finding }) : '—')}
      ${row({ zh: '部门答复', en: 'The department’s reply' }, c.reply ? html`<span class="reply">${c.reply}</span>` : '—')}
      ${row({ zh: '我的评价', en: 'My rating' }, c.rating ? html`${c.rating} · ${label(RATINGS[c.rating]!)}` : '—')}
    </table>
    ${c.stage === 'ANSWERED' ? rateForm(c) : ''}
  </section>`;
}

/** POST: challenge one disclosure; the data bureau checks the reason (and says why it refuses). */
export const challengePage = definePage({
  path: '/me/challenge',
  title: { zh: '提出质疑', en: 'Challenge a read' },
  roles: ['citizen'],
  method: 'POST',
  async render({ form, graph }) {
    const input = {
      recordId: citizenInput.recordId(form?.get('recordId')),
      reason: form?.get('reason')?.trim() ?? '',
    };
    const { challengeDisclosure } = await citizenInput.submit(() =>
      graph<{ challengeDisclosure: { id: string } }>(CHALLENGE, { input }),
    );
    return redirect(`${CONSOLE_PATH}/me/challenges#${challengeDisclosure.id}`);
  },
});

/** POST: rate the answer of one challenge, once. */
export const ratePage = definePage({
  path: '/me/rate',
  title: { zh: '评价答复', en: 'Rate an answer' },
  roles: ['citizen'],
  method: 'POST',
  async render({ form, graph }) {
    const input = {
      id: citizenInput.challengeId(form?.get('id')),
      rating: citizenInput.rating(form?.get('rating')),
      comment: form?.get('comment')?.trim() || null,
    };
    await citizenInput.submit(() => graph(RATE, { input }));
    return redirect(`${CONSOLE_PATH}/me/challenges#${input.id}`);
  },
});
