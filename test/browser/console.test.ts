import type { Browser, Page } from 'playwright-core';
import type { Federation } from '../support/federation';
import { readFile } from 'node:fs/promises';
import {
  caseworkerReads,
  FULL_ID_OR_MOBILE,
  newCaseNumber,
  policyRevisions,
  recordOfCase,
  startConsole,
  SUSPENDED_GRANT,
  tamperWithRecord,
  type PolicyRevisions,
} from '../support/console';
import {
  accessibilityViolations,
  describeInBrowser,
  openBrowser,
  recordPageFailures,
  screenshot,
  signInAs,
} from '../support/browser';

// The oversight console as an official uses it: Debian's Chromium, the real gateway over the
// real departments, the console's own sign-in; every page checked with axe and photographed.
const APPLICANT = 'PCYGN28R6'; // 510107, the caseworker's district

describeInBrowser('the console browser test')('the oversight console in Chromium', () => {
  let federation: Federation;
  let browser: Browser;
  let page: Page;
  let revisions: PolicyRevisions;
  const failed: string[] = [];

  beforeAll(async () => {
    revisions = await policyRevisions();
    federation = await startConsole();
    ({ browser, page } = await openBrowser());
    page.on('requestfailed', (request) => failed.push(request.url()));
    recordPageFailures(page, failed);
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
    await revisions?.drop();
  });

  it('signs in as the privacy officer, with nothing from outside this origin and no axe violation', async () => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await signInAs(page, federation.url, 'privacy-officer');
    expect(await page.textContent('header')).toContain('数据局个人信息保护负责人');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-home');
    expect(requested.every((url) => url.startsWith(federation.url))).toBe(true);
    expect(failed).toEqual([]);
  });

  it('searches a case, opens the person’s timeline and exports it with the chain proof', async () => {
    const caseNumber = newCaseNumber();
    const read = await caseworkerReads(federation, APPLICANT, caseNumber);
    await page.goto(`${federation.url}/console/records`);
    await page.fill('input[name="caseNumber"]', caseNumber);
    await Promise.all([page.waitForURL(/caseNumber=/), page.click('form.filters button')]);
    expect(await page.locator('tr[data-record]').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-records-search');
    await Promise.all([
      page.waitForURL(/\/console\/person\?id=/),
      page.click(`a[href="/console/person?id=${APPLICANT}"]`),
    ]);
    expect(await page.textContent('main')).toContain(caseNumber);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-person-timeline');
    const html = await page.content();
    expect(html).not.toContain(read.name);
    expect(html).not.toMatch(FULL_ID_OR_MOBILE);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a:text("CSV")'),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain(`,${caseNumber},Applicant,SERVED,`);
    expect(csv).toMatch(/\r\n# chain verified at [^:]+:[^:]+:[^:]+: (whole|BROKEN)\r\n/);
  });

  it('shows a chain break when one record was edited behind the store’s back', async () => {
    const caseNumber = newCaseNumber();
    await caseworkerReads(federation, APPLICANT, caseNumber);
    const recordId = await recordOfCase(federation, caseNumber);
    const restore = await tamperWithRecord(recordId);
    try {
      await page.goto(`${federation.url}/console/chain`);
      await page.fill('input[name="streamId"]', federation.streamId);
      await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
      const alert = await page.textContent('p.broken[role="alert"]');
      expect(alert).toContain(recordId);
      expect(alert).toContain(federation.streamId);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'console-chain-break');
    } finally {
      await restore();
    }
  });

  it('compares two policy revisions: the suspension closed the grant’s fields', async () => {
    await page.goto(`${federation.url}/console/policy`);
    await page.fill('input[name="from"]', '1');
    await page.fill('input[name="to"]', '2');
    await Promise.all([page.waitForURL(/from=1&to=2/), page.click('form.filters button')]);
    const changes = await page.locator('table.diff tbody tr').allTextContents();
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((row) => row.includes('关闭') && row.includes(SUSPENDED_GRANT))).toBe(
      true,
    );
    expect(await page.textContent('table.revisions')).toContain('demo-privacy-officer');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-policy-diff');
  });

  it('draws the sharing map of a case as SVG beside the 12345 and 好差评 figures', async () => {
    const caseNumber = newCaseNumber();
    await caseworkerReads(federation, APPLICANT, caseNumber);
    await page.goto(`${federation.url}/console/sharing?caseNumber=${caseNumber}`);
    expect(await page.locator('svg.sharing-map path.flow').count()).toBe(2);
    const flows = await page.locator('table.flows tbody tr').allTextContents();
    expect(flows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual([
      'public-security civil-affairs social-assistance-eligibility 1',
      'tax civil-affairs social-assistance-eligibility 1',
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-sharing-map-case');
    // The whole city over the default period, to look at.
    await page.goto(`${federation.url}/console/sharing`);
    expect(await page.locator('svg.sharing-map').count()).toBe(1);
    await screenshot(page, 'console-sharing-map');
  });

  it('prints the compliance report of this month, with no full ID number or mobile on any page', async () => {
    await page.goto(`${federation.url}/console/compliance`);
    expect(await page.locator('table.tallies tbody tr').count()).toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'console-compliance-print');
    await page.emulateMedia({ media: 'screen' });
    for (const path of ['/', '/records', '/chain', '/sharing', '/policy', '/compliance']) {
      await page.goto(`${federation.url}/console${path}`);
      expect(await page.content()).not.toMatch(FULL_ID_OR_MOBILE);
    }
  });
});
