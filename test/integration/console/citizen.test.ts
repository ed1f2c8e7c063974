import { residentIdCheckChar } from '../../../domain/identifiers';
import { CONSOLE_PAGES } from '../../../console';
import { challengeDeadline } from '../../../subgraphs/data-bureau/challenges/deadline';
import {
  caseworkerReads,
  consolePage,
  FULL_ID_OR_MOBILE,
  newCaseNumber,
  signIn,
  textOf,
  useConsole,
} from '../../support/console';

// The citizen's side of 人民评议 in the console: who read my data, a flag with a reason, the
// department's answer and the citizen's rating; and the citizen role sees nothing else.
const federation = useConsole();
const CITIZEN = 'PCYGN28R6'; // the development sign-in's citizen (console/roles.ts)

describe('the citizen role', () => {
  it('gets 403 on every official page, GET or POST, and sees only its own pages in the navigation', async () => {
    const cookie = await signIn(federation(), 'citizen');
    const official = CONSOLE_PAGES.filter((p) => !p.roles.includes('citizen'));
    expect(official.length).toBeGreaterThanOrEqual(14);
    for (const page of official) {
      const answer = await consolePage(
        federation(),
        cookie,
        `/console${page.path}`,
        page.method === 'POST' ? { id: 'INC00000001', action: 'move', to: 'TRIAGED' } : undefined,
      );
      expect([page.path, answer.status]).toEqual([page.path, 403]);
    }
    const home = await consolePage(federation(), cookie, '/console/');
    expect(home.status).toBe(200);
    const links = [...home.html.matchAll(/<a\s+href="(\/console\/[^"]*)"/g)].map((m) => m[1]);
    expect(new Set(links)).toEqual(new Set(['/console/', '/console/me', '/console/me/challenges']));
  });

  it('is not offered to officials: the privacy officer gets 403 on /me', async () => {
    const cookie = await signIn(federation(), 'privacy-officer');
    expect((await consolePage(federation(), cookie, '/console/me')).status).toBe(403);
    expect((await consolePage(federation(), cookie, '/console/me/challenges')).status).toBe(403);
  });
});

describe('a citizen flags a read, the privacy contact answers, the citizen rates the answer', () => {
  let recordId: string;
  let challengeId: string;
  let citizen: string;

  beforeAll(async () => {
    await caseworkerReads(federation(), CITIZEN, newCaseNumber());
    citizen = await signIn(federation(), 'citizen');
  });

  it('lists who read my data, with a flag form, and no full ID number or mobile', async () => {
    const page = await consolePage(federation(), citizen, '/console/me');
    expect(page.status).toBe(200);
    const row = /<tr data-record="([0-9a-f-]{36})">([\s\S]*?)<\/tr>/.exec(page.html)!;
    recordId = row[1]!;
    const text = textOf(row[2]!);
    expect(text).toContain('civil-affairs / caseworker');
    expect(text).toContain('Person.idNumber');
    expect(row[2]).toContain(`name="recordId" value="${recordId}"`);
    expect(page.html).not.toMatch(FULL_ID_OR_MOBILE);
  });

  it('refuses a reason holding an ID number with the data bureau’s words, never echoing it', async () => {
    const idNumber = `51010719900307123${residentIdCheckChar('51010719900307123')}`;
    const refused = await consolePage(federation(), citizen, '/console/me/challenge', {
      recordId,
      reason: `查的是 ${idNumber} 吗`,
    });
    expect(refused.status).toBe(400);
    expect(textOf(refused.html)).toContain('未提交：内容中含有身份证号、手机号或账号');
    expect(textOf(refused.html)).toContain('input.reason contains what reads as');
    expect(refused.html).not.toContain(idNumber);
    const mobile = await consolePage(federation(), citizen, '/console/me/challenge', {
      recordId,
      reason: '请打 13812345678 联系我',
    });
    expect(mobile.status).toBe(400);
    expect(mobile.html).not.toMatch(FULL_ID_OR_MOBILE);
  });

  it('takes a short reason: accepted, with the 15-working-day deadline; the flag form becomes a link', async () => {
    const posted = await consolePage(federation(), citizen, '/console/me/challenge', {
      recordId,
      reason: '我没有办理过民政业务，不认识这次查询。',
    });
    expect(posted.status).toBe(303);
    challengeId = /#(INC\d{8})$/.exec(posted.headers.get('location')!)![1]!;
    const mine = await consolePage(federation(), citizen, '/console/me/challenges');
    const card = sectionOf(mine.html, challengeId);
    expect(card).toContain('已受理');
    expect(card).toContain('我没有办理过民政业务，不认识这次查询。');
    expect(card).toContain(challengeDeadline(new Date()));
    const list = await consolePage(federation(), citizen, '/console/me');
    const row = new RegExp(`<tr data-record="${recordId}">([\\s\\S]*?)</tr>`).exec(list.html)![1]!;
    expect(row).toContain(`href="/console/me/challenges#${challengeId}"`);
    expect(row).not.toContain('name="reason"');
  });

  it('reaches the privacy contact, whose answer the citizen reads and rates once; the summary counts it', async () => {
    const contact = await signIn(federation(), 'privacy-contact');
    const incident = await consolePage(
      federation(),
      contact,
      `/console/incident?id=${challengeId}`,
    );
    expect(textOf(incident.html)).toContain('我没有办理过民政业务，不认识这次查询。');
    const reply = '经核查，该次查询为低保年度复核，属依法履职。';
    const answered = await consolePage(federation(), contact, '/console/incident/act', {
      id: challengeId,
      action: 'answer',
      finding: 'DISMISSED',
      reply,
    });
    expect(answered.status).toBe(303);

    const before = await ratingOfCivilAffairs();
    const card = sectionOf(
      (await consolePage(federation(), citizen, '/console/me/challenges')).html,
      challengeId,
    );
    expect(card).toContain('已答复，待评价');
    expect(card).toContain(reply);
    expect(card).toContain('经核查属依法履职');
    expect(card).toContain('<form method="post" action="/console/me/rate" class="rate">');

    const rated = await consolePage(federation(), citizen, '/console/me/rate', {
      id: challengeId,
      rating: '4',
      comment: '答复清楚。',
    });
    expect(rated.status).toBe(303);
    const after = sectionOf(
      (await consolePage(federation(), citizen, '/console/me/challenges')).html,
      challengeId,
    );
    expect(after).toContain('已评价');
    expect(textOf(after)).toContain('4 · 满意');
    expect(after).not.toContain('class="rate"');
    const again = await consolePage(federation(), citizen, '/console/me/rate', {
      id: challengeId,
      rating: '1',
    });
    expect(again.status).toBe(400);
    expect(textOf(again.html)).toContain('rated already');
    expect((await ratingOfCivilAffairs()).rated).toBe(before.rated + 1);
  });
});

/** One challenge's card on /me/challenges. */
function sectionOf(page: string, id: string): string {
  return new RegExp(`<section class="challenge-card" id="${id}"[\\s\\S]*?</section>`).exec(
    page,
  )![0];
}

/** Civil affairs' challenges as the sharing map's figures show them to the privacy officer. */
async function ratingOfCivilAffairs(): Promise<{ rated: number }> {
  const officer = await signIn(federation(), 'privacy-officer');
  const map = await consolePage(federation(), officer, '/console/sharing');
  const row = /<tr data-department="civil-affairs">([\s\S]*?)<\/tr>/.exec(map.html)![1]!;
  const rated = /data-challenge-rating>\s*[\d.—]+\s+\((\d+)\)/.exec(row)!;
  return { rated: Number(rated[1]) };
}
