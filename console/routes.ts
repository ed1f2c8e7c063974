import type { IncomingMessage } from 'node:http';
import { readConsoleAsset } from './assets';
import { sameOrigin, readForm } from './forms';
import { GraphRefusal } from './graph';
import { html, Html } from './html';
import { label } from './i18n';
import { layout, type SignedIn } from './layout';
import { pageContext, type ConsolePage } from './page';
import { CONSOLE_PAGES } from './pages';
import { htmlResponse, redirect } from './respond';
import { consoleRole } from './roles';
import { CONSOLE_PATH, readSession } from './session';
import { serveSignIn, signOut } from './sign-in';
import type { ConsoleHandler, ConsoleResponse, ConsoleSignIn } from './types';

/**
 * The oversight console under /console: its assets, sign-in and sign-out, and its pages for
 * a signed-in official in a console role. Null for any path outside /console.
 */
export function consoleRoutes(options: {
  signIn: ConsoleSignIn;
  /** Default: CONSOLE_PAGES. */
  pages?: readonly ConsolePage[];
}): ConsoleHandler {
  const pages = options.pages ?? CONSOLE_PAGES;
  return async (pathname, req) => {
    if (pathname !== CONSOLE_PATH && !pathname.startsWith(`${CONSOLE_PATH}/`)) return null;
    const path = pathname.slice(CONSOLE_PATH.length) || '/';
    if (path.startsWith('/assets/')) return readConsoleAsset(path);
    if (path === '/sign-in') return serveSignIn(options.signIn, req);
    if (path === '/sign-out') return signOut(req);
    const session = readSession(req);
    const role = session && consoleRole(session.viewer, session.purpose);
    if (!session || !role) return redirect(`${CONSOLE_PATH}/sign-in`);
    const nav = pages
      .filter((p) => p.nav !== false && (p.method ?? 'GET') === 'GET' && p.roles.includes(role))
      .map((p) => ({ path: p.path, title: p.title }));
    const signedIn: SignedIn = { viewer: session.viewer, role, nav };
    const page = pages.find((p) => p.path === path && (p.method ?? 'GET') === req.method);
    if (!page) return problem(signedIn, path, 404, 'No such console page.');
    if (!page.roles.includes(role))
      return problem(signedIn, path, 403, 'Your console role does not offer this page.');
    return servePage(page, req, signedIn, session);
  };
}

async function servePage(
  page: ConsolePage,
  req: IncomingMessage,
  signedIn: SignedIn,
  session: NonNullable<ReturnType<typeof readSession>>,
): Promise<ConsoleResponse> {
  let form: URLSearchParams | null = null;
  try {
    if (page.method === 'POST') {
      if (!sameOrigin(req)) return problem(signedIn, page.path, 403, 'Post from a console page.');
      form = await readForm(req);
    }
    const result = await page.render(pageContext(req, session, signedIn.role, form));
    if (!(result instanceof Html)) return result;
    return htmlResponse(layout({ title: page.title, body: result, signedIn, current: page.path }));
  } catch (error) {
    if (error instanceof GraphRefusal) return refused(signedIn, page, error);
    if (error instanceof RangeError) return problem(signedIn, page.path, 400, error.message);
    throw error;
  }
}

/** The graph said no (or failed): its own words, which never hold a personal value. */
function refused(signedIn: SignedIn, page: ConsolePage, refusal: GraphRefusal): ConsoleResponse {
  const body = html`<div class="problem" role="alert">
    <p>${label({ zh: '数据图谱拒绝了本页的查询', en: 'The graph refused this page’s query' })}</p>
    <ul>
      ${refusal.errors.map((e) => html`<li><code>${e.extensions?.code ?? 'ERROR'}</code> ${e.message}</li>`)}
    </ul>
  </div>`;
  const status = refusal.status >= 400 ? refusal.status : 403;
  return htmlResponse(layout({ title: page.title, body, signedIn, current: page.path }), status);
}

function problem(signedIn: SignedIn, path: string, status: number, message: string) {
  const body = html`<p class="problem" role="alert">${message}</p>`;
  const title = {
    zh: status === 404 ? '未找到' : '无法显示',
    en: status === 404 ? 'Not found' : 'Cannot show',
  };
  return htmlResponse(layout({ title, body, signedIn, current: path }), status);
}
