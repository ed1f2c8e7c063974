import { residentIdCheckChar } from '../../../domain/identifiers';
import type { Federation } from '../../support/federation';
import {
  caseworkerReads,
  consolePage,
  FULL_ID_OR_MOBILE,
  newCaseNumber,
  signIn,
  startConsole,
  textOf,
} from '../../support/console';
import { as } from '../../support/security';

let federation: Federation;
let challengeId: string;
const APPLICANT = 'PCYGN28R6';

beforeAll(async () => {
  federation = await startConsole();
  await caseworkerReads(federation, APPLICANT, newCaseNumber());
  const citizen = await as('citizen', 'self-service', APPLICANT);
  const mine = await federation.query<{ myAccessRecords: { records: { id: string }[] } }>(
    '{ myAccessRecords(first: 1) { records { id } } }',
    {},
    citizen,
  );
  const flagged = await federation.query<{ challengeDisclosure: { id: string } }>(
    'mutation Flag($input: ChallengeDisclosureInput!) { challengeDisclosure(input: $input) { id } }',
    { input: { recordId: mine.data!.myAccessRecords.records[0]!.id, reason: '不认识这次查询。' } },
    citizen,
  );
  challengeId = flagged.data!.challengeDisclosure.id;
});
afterAll(() => federation.stop());

describe('the incidents pages', () => {
  it("list a challenge of civil affairs' read in its privacy contact's inbox, with the answer form", async () => {
    const cookie = await signIn(federation, 'privacy-contact');
    const inbox = await consolePage(federation, cookie, '/console/incidents');
    expect(inbox.status).toBe(200);
    expect(inbox.html).toContain(`data-incident="${challengeId}"`);
    const page = await consolePage(federation, cookie, `/console/incident?id=${challengeId}`);
    expect(textOf(page.html)).toContain('不认识这次查询。');
    // The sentence in Chinese first, the English beside it.
    expect(page.html).toMatch(
      /<p class="explanation"><span lang="zh-CN">群众不认可 demo-caseworker（civil-affairs\/caseworker）[^<]*<\/span> <span class="en" lang="en">A citizen does not recognise/,
    );
    expect(page.html).toContain(
      '<form method="post" action="/console/incident/act" class="answer">',
    );
    expect(page.html).not.toMatch(FULL_ID_OR_MOBILE);
  });

  it('show the auditor the incident without any form, and refuse the auditor a post', async () => {
    const cookie = await signIn(federation, 'auditor');
    const page = await consolePage(federation, cookie, `/console/incident?id=${challengeId}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('<form method="post" action="/console/incident/act"');
    const post = await consolePage(federation, cookie, '/console/incident/act', {
      id: challengeId,
      action: 'move',
      to: 'TRIAGED',
    });
    expect(post.status).toBe(403);
  });

  it('show the graph’s refusal of a reply holding an ID number, without the number', async () => {
    const cookie = await signIn(federation, 'privacy-contact');
    const idNumber = `51010719900307123${residentIdCheckChar('51010719900307123')}`;
    const answer = await consolePage(federation, cookie, '/console/incident/act', {
      id: challengeId,
      action: 'answer',
      finding: 'DISMISSED',
      reply: `查询对象 ${idNumber}`,
    });
    expect(answer.status).toBe(400);
    expect(textOf(answer.html)).toContain('BAD_USER_INPUT');
    expect(answer.html).not.toContain(idNumber);
  });

  it('say so when an incident id is malformed', async () => {
    const cookie = await signIn(federation, 'privacy-officer');
    const page = await consolePage(federation, cookie, '/console/incident?id=42');
    expect(page.status).toBe(400);
    expect(textOf(page.html)).toContain('Give an incident id: INC and eight digits');
  });
});
