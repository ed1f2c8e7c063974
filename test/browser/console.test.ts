import type { Browser, Page } from 'playwright-core';
import type { Federation } from '../support/federation';
import { startConsole } from '../support/console';
import {
  accessibilityViolations,
  describeInBrowser,
  openBrowser,
  screenshot,
  signInAs,
} from '../support/browser';

// The oversight console as an official uses it: Debian's Chromium, the real gateway over the
// real departments, the console's own sign-in; every page checked with axe and photographed.
describeInBrowser('the console browser test')('the oversight console in Chromium', () => {
  let federation: Federation;
  let browser: Browser;
  let page: Page;
  const failed: string[] = [];

  beforeAll(async () => {
    federation = await startConsole();
    ({ browser, page } = await openBrowser());
    page.on('requestfailed', (request) => failed.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') failed.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
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
});
