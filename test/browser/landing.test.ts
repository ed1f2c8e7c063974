import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEFAULT_EXAMPLES_DIR } from '../../gateway/config';
import { loadExamples } from '../../gateway/examples';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../gateway/identity';
import { developmentSignIn, landingExample, landingRoutes } from '../../gateway/landing';
import { ROOT_DIR } from '../../schema/load-manifest';
import { startFederation, type Federation } from '../support/federation';
import { testSigningKey } from '../support/security';

// The landing page as a developer meets it: Debian's Chromium, the real gateway over the real
// departments, the development sign-in; every example tab runs and answers with data.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];
/** Where the screenshots go, to be looked at (git-ignored). */
const SCREENSHOTS = join(ROOT_DIR, '.data', 'screenshots');
const examples = loadExamples(DEFAULT_EXAMPLES_DIR);

const browserTest = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) {
  console.warn(
    `SKIPPED the landing page's browser test: no Chromium at ${CHROMIUM}. ` +
      'Install it with: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH).',
  );
}

browserTest('the landing page in Chromium', () => {
  let federation: Federation;
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];
  /** The purpose of every introspection the page sent: GraphiQL's docs for whom. */
  const introspectedFor: string[] = [];

  beforeAll(async () => {
    federation = await startFederation({
      pages: landingRoutes({
        title: 'Government data graph',
        examples: examples.map(landingExample),
        signIn: developmentSignIn(
          await testSigningKey(),
          { issuer: DEV_ISSUER, audience: DEV_AUDIENCE },
          'PCYGN28R6',
        ),
      }),
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    page.on('request', (request) => {
      requested.push(request.url());
      if (request.postData()?.includes('IntrospectionQuery'))
        introspectedFor.push(request.headers()['x-purpose'] ?? '');
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  /** The text of the first visible CodeMirror under `selector` (GraphiQL's editors are CodeMirror 5). */
  const editorText = (selector: string) =>
    page.evaluate<string | null>(
      `(() => {
        const visible = [...document.querySelectorAll(${JSON.stringify(`${selector} .CodeMirror`)})]
          .find((e) => e.offsetParent !== null);
        return visible && visible.CodeMirror ? visible.CodeMirror.getValue() : null;
      })()`,
    );
  /**
   * Polls an expression in the page until it is truthy. Playwright's waitForFunction evaluates
   * with `new Function`, which the page's CSP (no unsafe-eval) rightly refuses.
   */
  const until = async <T>(expression: string, timeoutMs = 10_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await page.evaluate<T>(expression);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${expression}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  /** The JSON in the Variables or Headers editor of the active tab. */
  const toolText = async (tool: 'Variables' | 'Headers') => {
    await page.locator('.graphiql-editor-tools button', { hasText: tool }).click();
    const text = await until<string>(
      `(() => {
        const section = document.querySelector('.graphiql-editor-tool[aria-label=${tool}]');
        const editor = section && section.querySelector('.graphiql-editor:not(.hidden) .CodeMirror');
        return editor && editor.CodeMirror ? editor.CodeMirror.getValue() || ' ' : null;
      })()`,
    );
    return JSON.parse(text.trim() || 'null') as Record<string, unknown> | null;
  };

  /** Opens a tab and waits until GraphiQL has parsed its operation (it does so 100 ms after a change). */
  const openTab = async (index: number) => {
    await page.locator('.graphiql-tab').nth(index).click();
    const name = /(?:query|mutation)\s+(\w+)/.exec(examples[index]!.query)![1]!;
    await until(
      `(() => {
        const editor = document.querySelector('.graphiql-query-editor .CodeMirror');
        return Boolean(editor && editor.CodeMirror && editor.CodeMirror.operationName === ${JSON.stringify(name)});
      })()`,
    );
  };

  it('signs in on first load: every tab has its query, variables, token and purpose', async () => {
    await page.goto(`${federation.url}/`);
    await page.locator('output[name=status]', { hasText: 'Signed in as caseworker' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'landing-first-load.png') });
    for (const [index, example] of examples.entries()) {
      await openTab(index);
      expect(await editorText('.graphiql-query-editor')).toBe(example.query);
      expect(await toolText('Variables')).toEqual(example.variables);
      const headers = (await toolText('Headers')) ?? {};
      expect(headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      expect(headers['x-purpose']).toBe(example.runAs?.purpose);
    }
  });

  it.each(examples.map((e, index) => [e.name, index] as const))(
    'runs the example tab %s as its own consumer, with data and no errors',
    async (_name, index) => {
      await openTab(index);
      await page.locator('.graphiql-execute-button').click();
      const result = await until<string>(`(() => {
        const element = document.querySelector('.result-window .CodeMirror');
        const text = element && element.CodeMirror ? element.CodeMirror.getValue() : '';
        return text.trim().startsWith('{') ? text : null;
      })()`);
      const body = JSON.parse(result) as {
        data?: Record<string, unknown>;
        errors?: unknown[];
      };
      expect(body.errors).toBeUndefined();
      expect(Object.values(body.data ?? {}).some((v) => v !== null)).toBe(true);
      if (index === 1)
        await page.screenshot({ path: join(SCREENSHOTS, 'landing-subsistence.png') });
    },
  );

  it("gives each tab GraphiQL docs from its own consumer's graph", () => {
    const purposes = new Set(examples.map((e) => e.runAs?.purpose));
    expect(new Set(introspectedFor)).toEqual(purposes);
  });

  it('signs a citizen in as a chosen person, in every tab', async () => {
    await page.selectOption('select[name=consumer]', 'citizen');
    await expect(page.locator('input[name=person]').inputValue()).resolves.toBe('PCYGN28R6');
    await page.locator('input[name=examplesOwn]').uncheck();
    await page.locator('button[type=submit]').click();
    await page.locator('output[name=status]', { hasText: 'Signed in as citizen' }).waitFor();
    for (let index = 0; index < examples.length; index++) {
      await openTab(index);
      expect((await toolText('Headers'))?.['x-purpose']).toBe('self-service');
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'landing-citizen.png') });
  });

  it('sends no request anywhere but the gateway', () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !url.startsWith(`${federation.url}/`))).toEqual([]);
  });
});
