import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { Database } from '../../subgraphs/kit';
import { loadAnomalyPolicy } from '../../subgraphs/data-bureau/incidents/policy';
import {
  startAnomalyRunner,
  type AnomalyRunner,
} from '../../subgraphs/data-bureau/incidents/runner';
import { testDatabaseUrl } from '../support/database';
import type { Federation } from '../support/federation';
import { caseworkerReads, newCaseNumber, startConsole } from '../support/console';
import { probe } from '../support/oversight';
import { as } from '../support/security';
import {
  checkPage,
  describeInBrowser,
  openBrowser,
  recordPageFailures,
  signInAs,
} from '../support/browser';

// Incident triage and a citizen's challenge, as the privacy officer and a department's privacy
// contact work them in Debian's Chromium over the real gateway and departments.
const APPLICANT = 'PCYGN28R6';
const PROBER = 'caseworker-prober-browser';

describeInBrowser('the incidents browser test')('incidents and challenges in Chromium', () => {
  let federation: Federation;
  let browser: Browser;
  let page: Page;
  let db: Database;
  let runner: AnomalyRunner;
  const failed: string[] = [];

  beforeAll(async () => {
    federation = await startConsole();
    db = new Database({ url: testDatabaseUrl(), schema: 'data_bureau', maxConnections: 2 });
    runner = startAnomalyRunner(db, loadAnomalyPolicy(), {
      lockKey: 0x6272_7773,
      intervalMs: 3_600_000,
    });
    ({ browser, page } = await openBrowser());
    recordPageFailures(page, failed);
  });
  afterAll(async () => {
    await browser?.close();
    await runner?.stop();
    await db?.pool.end();
    await federation?.stop();
  });

  const checked = (name: string) => checkPage(page, failed, name);

  it('incident triage: an explained probing incident is assigned, commented, confirmed and closed, its evidence exported', async () => {
    await probe(federation, PROBER, 9);
    expect(await runner.runOnce()).toMatchObject({ leader: true });

    await signInAs(page, federation.url, 'privacy-officer');
    await page.goto(`${federation.url}/console/incidents?status=NEW`);
    const row = page
      .locator('tr[data-incident]', { hasText: PROBER })
      .filter({ hasText: '反复越权试探' });
    expect(await row.textContent()).toContain(
      `${PROBER} was refused 9 times in 60 min; more than 8 refusals raise this.`,
    );
    await checked('incidents-inbox');
    await Promise.all([page.waitForURL(/\/console\/incident\?id=INC/), row.locator('a').click()]);
    const id = new URL(page.url()).searchParams.get('id')!;

    await page.fill('form.assign input[name="assignee"]', 'privacy-officer-7');
    await Promise.all([page.waitForNavigation(), page.click('form.assign button')]);
    await page.fill('form.comment textarea', '九次请求病历诊断，无低保案件依据。');
    await Promise.all([page.waitForNavigation(), page.click('form.comment button')]);
    await Promise.all([page.waitForNavigation(), page.click('form.move button[value="TRIAGED"]')]);
    expect(await page.textContent('h2 .status')).toContain('已研判');
    await page.fill('form.move textarea', '越权试探，已约谈本人。');
    await Promise.all([
      page.waitForNavigation(),
      page.click('form.move button[value="CONFIRMED"]'),
    ]);
    await checked('incident-confirmed');
    await Promise.all([page.waitForNavigation(), page.click('form.move button[value="CLOSED"]')]);
    const main = await page.textContent('main');
    expect(main).toContain('已关闭');
    expect(main).toContain('越权试探，已约谈本人。');
    expect(main).toContain('privacy-officer-7');
    expect(main).toContain('九次请求病历诊断，无低保案件依据。');
    await checked('incident-closed');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a[href*="/incident/bundle"]'),
    ]);
    const bundle = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(bundle.incident).toMatchObject({ id, status: 'CLOSED', rule: 'probing' });
    expect(bundle.records).toHaveLength(9);
    expect(bundle.chains.every((c: { ok: boolean }) => c.ok)).toBe(true);

    await Promise.all([
      page.waitForURL(/\/console\/official\?id=/),
      page.click(`a[href="/console/official?id=${PROBER}"]`),
    ]);
    expect(await page.textContent('tr[data-measure="refused"]')).toMatch(/\b9\b/);
    await checked('official-profile');
  });

  it('a citizen flag answered and rated: the privacy contact answers, the citizen reads it and rates it', async () => {
    await caseworkerReads(federation, APPLICANT, newCaseNumber());
    const citizen = await as('citizen', 'self-service', APPLICANT);
    const mine = await federation.query<{
      myAccessRecords: { records: { id: string; department: string }[] };
    }>('{ myAccessRecords(first: 5) { records { id department } } }', {}, citizen);
    const recordId = mine.data!.myAccessRecords.records.find(
      (r) => r.department === 'civil-affairs',
    )!.id;
    const flagged = await federation.query<{ challengeDisclosure: { id: string; stage: string } }>(
      'mutation Flag($input: ChallengeDisclosureInput!) { challengeDisclosure(input: $input) { id stage } }',
      { input: { recordId, reason: '我没有办理过任何民政业务。' } },
      citizen,
    );
    expect(flagged.errors).toBeUndefined();
    const { id } = flagged.data!.challengeDisclosure;

    await signInAs(page, federation.url, 'privacy-contact');
    await page.goto(`${federation.url}/console/incidents`);
    await Promise.all([
      page.waitForURL(/\/console\/incident\?id=/),
      page.click(`tr[data-incident="${id}"] a`),
    ]);
    expect(await page.textContent('main')).toContain('我没有办理过任何民政业务。');
    await checked('challenge-to-answer');
    await Promise.all([page.waitForNavigation(), page.click('form.move button[value="TRIAGED"]')]);
    const handled = await federation.query<{ myChallenges: { id: string; stage: string }[] }>(
      '{ myChallenges { id stage } }',
      {},
      citizen,
    );
    expect(handled.data!.myChallenges.find((c) => c.id === id)?.stage).toBe('HANDLED');
    const reply = '经核查，该次查询为低保年度复核，依据《社会救助暂行办法》第十一条，属依法履职。';
    await page.fill('form.answer textarea', reply);
    await Promise.all([
      page.waitForNavigation(),
      page.click('form.answer button[value="DISMISSED"]'),
    ]);
    expect(await page.textContent('main')).toContain(reply);

    const seen = await federation.query<{
      myChallenges: { id: string; stage: string; reply: string }[];
    }>('{ myChallenges { id stage reply } }', {}, citizen);
    expect(seen.data!.myChallenges.find((c) => c.id === id)).toEqual({
      id,
      stage: 'ANSWERED',
      reply,
    });
    const rated = await federation.query(
      `mutation { rateChallengeAnswer(input: { id: "${id}", rating: 5 }) { stage rating } }`,
      {},
      citizen,
    );
    expect(rated.data).toEqual({ rateChallengeAnswer: { stage: 'RATED', rating: 5 } });

    await page.reload();
    expect(await page.textContent('main')).toContain('5 · 非常满意');
    await checked('challenge-rated');
  });
});
