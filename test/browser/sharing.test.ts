import type { Browser, Page } from 'playwright-core';
import type { SharingStack } from '../integration/sharing/support';
import { startSharingConsole } from '../support/console';
import type { Federation } from '../support/federation';
import { as } from '../support/security';
import {
  checkPage,
  describeInBrowser,
  openBrowser,
  recordPageFailures,
  signInAs,
} from '../support/browser';

// Sharing requests (《政务数据共享条例》 art. 20-28) as the sharing agencies of civil affairs
// (requester) and health (provider) and the data authority work them in Debian's Chromium,
// over two gateway replicas on a live policy store.
const PERSON = 'PCYGN28R6';
const VACCINATIONS = `query($id: ID!) { person(id: $id) { vaccinations { vaccine dose } } }`;

describeInBrowser('the sharing browser test')('sharing requests in Chromium', () => {
  let stack: SharingStack;
  let federation: Federation;
  let browser: Browser;
  let page: Page;
  const failed: string[] = [];

  beforeAll(async () => {
    stack = await startSharingConsole();
    federation = stack.gateways[0];
    ({ browser, page } = await openBrowser());
    recordPageFailures(page, failed);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const checked = (name: string) => checkPage(page, failed, name);

  const readVaccinations = async () =>
    federation.query<any>(
      VACCINATIONS,
      { id: PERSON },
      await as('caseworker', 'social-assistance-eligibility'),
    );

  /** The caseworker's denial, and the console's form pre-filled from it, filled in and filed. */
  async function fileFromDenial(scope: string, shot?: string): Promise<string> {
    const denied = await readVaccinations();
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const input = (denied.errors![0]!.extensions!.sharingRequests as any[])[0].input;
    await signInAs(page, federation.url, 'sharing-civil-affairs');
    await page.goto(
      `${federation.url}/console/request/new?input=${encodeURIComponent(JSON.stringify(input))}`,
    );
    expect(await page.inputValue('input[name="provider"]')).toBe('health');
    expect(await page.inputValue('textarea[name="fields"]')).toContain('Person.vaccinations FULL');
    await page.fill('input[name="legalBasis"]', '《社会救助暂行办法》第十一条');
    await page.fill('input[name="scenario"]', '低保家庭成员健康状况核对');
    await page.fill('input[name="scope"]', scope);
    await page.fill('input[name="periodEnd"]', '2027-06-30');
    await page.fill('input[name="consent"]', '武民函〔2026〕12号');
    if (shot) await checked(shot);
    await Promise.all([
      page.waitForURL(/\/console\/request\?number=SHR/),
      page.click('form.request-form button[type="submit"]'),
    ]);
    return new URL(page.url()).searchParams.get('number')!;
  }

  /** The provider opens the request from its inbox, where its clock shows. */
  async function providerOpens(number: string, shot?: string): Promise<void> {
    await signInAs(page, federation.url, 'sharing-health');
    // The inbox is ordered by reply due date, and other test files file requests to health
    // meanwhile: page on until the request's row shows.
    const row = page.locator(`tr[data-request="${number}"]`);
    for (let n = 1; n <= 100; n += 1) {
      await page.goto(`${federation.url}/console/requests?side=PROVIDER&state=SUBMITTED&page=${n}`);
      if ((await row.count()) > 0 || (await page.locator('tr[data-request]').count()) === 0) break;
    }
    expect(await row.textContent()).toMatch(/剩\s*10\s*个工作日/);
    if (shot) await checked(shot);
    await Promise.all([page.waitForURL(/\/console\/request\?number=/), row.locator('a').click()]);
  }

  it('a denial becomes a request in the pre-filled form; the provider sees its clock, approves, and the receipt shows', async () => {
    const number = await fileFromDenial('武侯区低保申请家庭', 'sharing-new-request');
    expect(await page.textContent('h2 .status')).toContain('待答复');
    await checked('sharing-request-filed');

    await providerOpens(number, 'sharing-provider-inbox');
    expect(await page.textContent('section.impact')).toContain('Person.vaccinations');
    await checked('sharing-request-impact');
    await Promise.all([
      page.waitForNavigation(),
      page.click('form.step-reply:has(input[value="APPROVE"]) button'),
    ]);
    expect(await page.textContent('.state')).toContain('已同意');
    expect(Number(await page.textContent('table.receipt .revision'))).toBeGreaterThan(1);
    const live = await page.textContent('table.receipt .live');
    expect(live).toContain('sharing-a');
    expect(live).toContain('sharing-b');
    await checked('sharing-receipt');
    expect((await readVaccinations()).errors).toBeUndefined();

    // The right ends again, so the second flow's caseworker is denied once more.
    await page.click('a[href*="/console/request?number="]');
    await page.fill('form.step-terminate textarea', '测试流程结束，终止共享');
    await Promise.all([page.waitForNavigation(), page.click('form.step-terminate button')]);
    expect(await page.textContent('.state')).toContain('已终止');
  });

  it('the provider refuses with a reason, and the statistics page counts it', async () => {
    // Another reason code than the route test's, which refuses at the same time.
    const count = async () => {
      await page.goto(`${federation.url}/console/requests/statistics`);
      const cell = page.locator('#by-reason tr[data-key="SECURITY_RISK"] td.num');
      return (await cell.count()) ? Number(await cell.textContent()) : 0;
    };
    await signInAs(page, federation.url, 'data-authority');
    const before = await count();

    const number = await fileFromDenial('武侯区低保复核家庭');
    await providerOpens(number);
    await page.selectOption('form.step-reply select[name="reason"]', 'SECURITY_RISK');
    await page.fill('form.step-reply textarea[name="explanation"]', '与其他数据关联后存在识别风险');
    await checked('sharing-refuse-form');
    await Promise.all([
      page.waitForNavigation(),
      page.click('form.step-reply:has(input[value="REFUSE"]) button'),
    ]);
    expect(await page.textContent('.state')).toContain('不予共享');

    await signInAs(page, federation.url, 'data-authority');
    expect(await count()).toBe(before + 1);
    expect(await page.textContent('#by-reason')).toContain('存在安全风险');
    expect(await page.textContent('#by-provider')).toContain('health');
    await checked('sharing-statistics');
  });
});
