import type { Browser, Page } from 'playwright-core';
import type { Federation } from '../support/federation';
import { caseworkerReads, newCaseNumber, startConsole } from '../support/console';
import {
  checkPage,
  describeInBrowser,
  openBrowser,
  recordPageFailures,
  signInAs,
} from '../support/browser';

// 人民评议 of data use, as people do it in Debian's Chromium over the real gateway and
// departments: the citizen flags a read, civil affairs' privacy contact answers, the citizen
// reads the answer and rates it, and the rating is in the department's figures.
describeInBrowser('the citizen browser test')('a citizen challenges a read in Chromium', () => {
  let federation: Federation;
  let browser: Browser;
  let page: Page;
  const failed: string[] = [];

  beforeAll(async () => {
    federation = await startConsole();
    ({ browser, page } = await openBrowser());
    recordPageFailures(page, failed);
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  const checked = (name: string) => checkPage(page, failed, name);

  it('flag → answer → rating → the department’s evaluation summary', async () => {
    const { idNumber } = await caseworkerReads(federation, 'PCYGN28R6', newCaseNumber());

    // The citizen: who read my data; the newest read is the caseworker's.
    await signInAs(page, federation.url, 'citizen');
    await page.goto(`${federation.url}/console/me`);
    const row = page.locator('tr[data-record]').first();
    expect(await row.textContent()).toContain('civil-affairs / caseworker');
    expect(await page.content()).not.toContain(idNumber);
    await checked('citizen-reads');
    await row.locator('details.flag summary').click();
    await row.locator('textarea[name="reason"]').fill('我没有申请过低保，也没有办理过民政业务。');
    await checked('citizen-flag-form');
    await Promise.all([
      page.waitForURL(/\/console\/me\/challenges#INC\d{8}$/),
      row.locator('form.challenge button').click(),
    ]);
    const id = new URL(page.url()).hash.slice(1);
    const card = page.locator(`section.challenge-card[id="${id}"]`);
    expect(await card.locator('.stage').textContent()).toContain('已受理');
    await checked('citizen-challenge-accepted');

    // Civil affairs' privacy contact answers it from the inbox.
    await signInAs(page, federation.url, 'privacy-contact');
    await page.goto(`${federation.url}/console/incidents?kind=CHALLENGE`);
    await Promise.all([
      page.waitForURL(/\/console\/incident\?id=/),
      page.click(`tr[data-incident="${id}"] a`),
    ]);
    expect(await page.textContent('p.explanation')).toContain('群众不认可 demo-caseworker');
    const reply =
      '经核查，该次查询为低保年度复核抽查，依据《社会救助暂行办法》第十一条，属依法履职。';
    await page.fill('form.answer textarea', reply);
    await Promise.all([
      page.waitForNavigation(),
      page.click('form.answer button[value="DISMISSED"]'),
    ]);
    expect(await page.textContent('main')).toContain(reply);
    await checked('contact-answered');

    // The citizen reads the answer and rates it.
    await signInAs(page, federation.url, 'citizen');
    await page.goto(`${federation.url}/console/me/challenges#${id}`);
    expect(await card.locator('.stage').textContent()).toContain('已答复');
    expect(await card.locator('.reply').textContent()).toBe(reply);
    await checked('citizen-answer');
    await card.locator('input[name="rating"][value="4"]').check();
    await card.locator('form.rate textarea[name="comment"]').fill('答复及时、清楚。');
    await Promise.all([page.waitForNavigation(), card.locator('form.rate button').click()]);
    expect(await card.locator('.stage').textContent()).toContain('已评价');
    expect(await card.textContent()).toContain('4 · 满意');
    await checked('citizen-rated');

    // The privacy officer sees the rating in civil affairs' evaluation figures.
    await signInAs(page, federation.url, 'privacy-officer');
    await page.goto(`${federation.url}/console/sharing`);
    const figures = page.locator('tr[data-department="civil-affairs"]');
    const [answered, raised] = (await figures.locator('[data-challenges]').textContent())!
      .trim()
      .split('/')
      .map(Number);
    expect(answered).toBeGreaterThanOrEqual(1);
    expect(raised).toBeGreaterThanOrEqual(answered!);
    expect(await figures.locator('[data-challenge-rating]').textContent()).toMatch(
      /\d\.\d\d\s+\(\d+\)/,
    );
    await checked('sharing-map-challenge-ratings');
  });
});
