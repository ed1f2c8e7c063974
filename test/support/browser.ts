import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT_DIR } from '../../schema/load-manifest';
import { FULL_ID_OR_MOBILE } from './console';

/** Debian's Chromium (apt-get install -y chromium fonts-noto-cjk), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];
/** Where the screenshots go, to be looked at (git-ignored). */
export const SCREENSHOTS = join(ROOT_DIR, '.data', 'screenshots');

/** `describe` when Chromium is installed, else `describe.skip` with a warning saying how to get it. */
export function describeInBrowser(what: string): jest.Describe {
  if (existsSync(CHROMIUM)) return describe;
  console.warn(
    `SKIPPED ${what}: no Chromium at ${CHROMIUM}. ` +
      'Install it with: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH).',
  );
  return describe.skip;
}

/** Chromium, headless, and a zh-CN page of a desktop size. */
export async function openBrowser(): Promise<{ browser: Browser; page: Page }> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  return { browser, page };
}

/** A full-page screenshot under .data/screenshots/<name>.png; returns its path. */
/**
 * Collects into `failed` what a page must never do: a Content-Security-Policy violation (a
 * console error beginning 'Refused to') or an HTTP error answer.
 */
export function recordPageFailures(page: Page, failed: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('Refused'))
      failed.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** One accessibility violation axe found: its rule, impact and the elements. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core (from node_modules, injected through the DevTools protocol, so the page's
 * CSP, which refuses inline scripts, need not be relaxed) on the page as it is now.
 */
export async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate<AxeViolation[]>(`(async () => {
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  })()`);
}

/** Signs in on the console's own sign-in page by choosing a development role. */
export async function signInAs(page: Page, baseUrl: string, role: string): Promise<void> {
  await page.goto(`${baseUrl}/console/sign-in`);
  await page.check(`input[name="consumer"][value="${role}"]`);
  await Promise.all([page.waitForNavigation(), page.click('form.sign-in button')]);
  if (page.url() !== `${baseUrl}/console/`)
    throw new Error(`Sign-in as ${role} ended at ${page.url()}: ${await page.textContent('main')}`);
}

/**
 * What every console page a browser test reaches must pass: no axe violation, no full ID
 * number or mobile in its HTML, no CSP violation or HTTP error recorded (recordPageFailures);
 * and a screenshot named `name` to look at.
 */
export async function checkPage(page: Page, failed: readonly string[], name: string) {
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, name);
  expect(await page.content()).not.toMatch(FULL_ID_OR_MOBILE);
  expect(failed).toEqual([]);
}
