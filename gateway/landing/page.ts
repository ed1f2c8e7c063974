import { LANDING_ASSET_PATHS } from './assets';
import { escapeHtml, jsonForScript } from './escape';
import { DEV_TOKEN_PATH, type LandingSignIn } from './sign-in';
import { renderSignInForm } from './sign-in-form';

/** A ready-made operation, opened as its own GraphiQL tab. */
export interface LandingExample {
  /** Short label shown in the page's list of examples. */
  name: string;
  /** One sentence on what the example shows. */
  description?: string;
  /** GraphQL document; the tab title is its operation name. */
  query: string;
  variables?: Record<string, unknown>;
  /** Headers of this tab, over the page's defaults (e.g. the purpose the example states). */
  headers?: Record<string, string>;
  /** The example consumer this tab runs as in development, and the purpose it states. */
  runAs?: { consumer: string; purpose: string };
}

/** What `renderLandingPage` needs to know. */
export interface LandingPageOptions {
  /** GraphQL endpoint, preferably relative ('/graphql'); it must be same-origin for the CSP. */
  endpoint: string;
  /** Document title and page heading. */
  title: string;
  examples: LandingExample[];
  /** Headers prefilled in every tab's headers editor, e.g. `{ authorization: '', 'x-purpose': '' }`. */
  headers?: Record<string, string>;
  /** How the page gets a token and a purpose into every tab (see LandingSignIn); none: the headers editor only. */
  signIn?: LandingSignIn;
}

/** The settings boot.js reads from the page; GraphiQL wants editor contents as strings. */
interface BootConfig {
  endpoint: string;
  headers?: string;
  tabs?: { query: string; variables?: string; headers?: string; runAs?: string }[];
  signIn?: ClientSignIn;
}

/** What boot.js knows of the sign-in: never a key, never a minting function. */
type ClientSignIn =
  | {
      kind: 'development';
      tokenPath: string;
      defaultConsumer: string;
      consumers: { name: string; purpose: string; needsPerson: boolean }[];
    }
  | { kind: 'token' };

function clientSignIn(signIn: LandingSignIn | undefined): ClientSignIn | undefined {
  if (!signIn) return undefined;
  if (signIn.kind === 'token') return { kind: 'token' };
  return {
    kind: 'development',
    tokenPath: `.${DEV_TOKEN_PATH}`,
    defaultConsumer: signIn.defaultConsumer,
    consumers: signIn.consumers.map(({ name, purpose, needsPerson }) => ({
      name,
      purpose,
      needsPerson,
    })),
  };
}

function bootConfig({ endpoint, examples, headers, signIn }: LandingPageOptions): BootConfig {
  const headersJson = headers ? JSON.stringify(headers, null, 2) : undefined;
  const tabs = examples.map((example) => ({
    query: example.query,
    variables: example.variables ? JSON.stringify(example.variables, null, 2) : undefined,
    headers: example.headers
      ? JSON.stringify({ ...headers, ...example.headers }, null, 2)
      : headersJson,
    runAs: example.runAs?.consumer,
  }));
  return {
    endpoint,
    headers: headersJson,
    tabs: tabs.length > 0 ? tabs : undefined,
    signIn: clientSignIn(signIn),
  };
}

function renderExamples(examples: LandingExample[]): string {
  if (examples.length === 0) return '';
  const items = examples.map(({ name, description }) => {
    const text = description ? ` <span>— ${escapeHtml(description)}</span>` : '';
    return `<li><strong>${escapeHtml(name)}</strong>${text}</li>`;
  });
  return `<details open><summary>Examples (one tab each)</summary><ul class="landing-examples">${items.join('')}</ul></details>`;
}

/** Asset URLs relative to the page, so the gateway also works below a path prefix. */
function assetUrl(path: string): string {
  return escapeHtml(`.${path}`);
}

/**
 * Renders the landing page: a complete HTML document that loads GraphiQL from the
 * gateway's own asset paths (`LANDING_ASSET_PATHS`, resolved relative to the page, so
 * serve it at '/' or another top-level path) and opens one tab per example.
 * It has no inline script or handler and no external URL; send it with
 * `LANDING_CONTENT_SECURITY_POLICY`.
 */
export function renderLandingPage(options: LandingPageOptions): string {
  const styles = LANDING_ASSET_PATHS.filter((path) => path.endsWith('.css'));
  const scripts = LANDING_ASSET_PATHS.filter((path) => path.endsWith('.js'));
  const title = escapeHtml(options.title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="icon" href="data:,">
${styles.map((path) => `<link rel="stylesheet" href="${assetUrl(path)}">`).join('\n')}
</head>
<body>
<header class="landing-header">
<h1>${title}</h1>
${options.signIn ? renderSignInForm(options.signIn) : ''}
${renderExamples(options.examples)}
</header>
<div id="graphiql"><noscript>GraphiQL needs JavaScript.</noscript></div>
<script type="application/json" id="landing-config">${jsonForScript(bootConfig(options))}</script>
${scripts.map((path) => `<script src="${assetUrl(path)}"></script>`).join('\n')}
</body>
</html>
`;
}
