import { html, type Html } from './html';
import { label, zh, type Label } from './i18n';
import { ROLE_LABELS, type ConsoleRole } from './roles';
import { CONSOLE_PATH, type Viewer } from './session';

/** The console's name. */
export const CONSOLE_TITLE: Label = { zh: '数据共享监督台', en: 'Oversight console' };

export interface NavItem {
  path: string;
  title: Label;
}

/** Who is signed in, for the header. */
export interface SignedIn {
  viewer: Viewer;
  role: ConsoleRole;
  nav: readonly NavItem[];
}

/** A whole console document: header (who is signed in, sign-out), navigation, the page. */
export function layout(options: {
  title: Label;
  body: Html;
  signedIn?: SignedIn;
  current?: string;
}): string {
  const { title, body, signedIn, current } = options;
  return `<!doctype html>${html`<html lang="zh-CN">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${title.zh} · ${CONSOLE_TITLE.zh}</title>
      <link rel="stylesheet" href="${CONSOLE_PATH}/assets/console.css" />
    </head>
    <body>
      <header class="console-header">
        <a class="brand" href="${CONSOLE_PATH}/">${label(CONSOLE_TITLE)}</a>
        ${signedIn && whoIsSignedIn(signedIn)}
      </header>
      ${signedIn && navigation(signedIn.nav, current)}
      <main id="main">
        <h1>${label(title)}</h1>
        ${body}
      </main>
    </body>
  </html>`}`;
}

function whoIsSignedIn({ viewer, role }: SignedIn): Html {
  return html`<div class="viewer">
    <span class="role">${label(ROLE_LABELS[role])}</span>
    <span class="who">${[viewer.department, viewer.id].filter(Boolean).join(' · ')}</span>
    ${viewer.until && html`<span class="until">${zh({ zh: '有效至', en: 'valid until' })} <time datetime="${viewer.until}">${viewer.until.slice(0, 16).replace('T', ' ')}Z</time></span>`}
    <form method="post" action="${CONSOLE_PATH}/sign-out">
      <button type="submit">${zh({ zh: '退出', en: 'Sign out' })}</button>
    </form>
  </div>`;
}

function navigation(items: readonly NavItem[], current: string | undefined): Html {
  return html`<nav aria-label="${CONSOLE_TITLE.zh}">
    <ul>
      ${items.map(
        (item) =>
          html`<li>
            <a
              href="${CONSOLE_PATH}${item.path}"
              ${item.path === current ? html` aria-current="page"` : ''}
              >${label(item.title)}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}
