import type { IncomingMessage } from 'node:http';
import { fromLoopback, readForm, sameOrigin } from './forms';
import { html, type Html } from './html';
import { label, zh } from './i18n';
import { layout } from './layout';
import { htmlResponse, redirect } from './respond';
import { CONSOLE_SIGN_IN_CHOICES, consoleRole, ROLE_LABELS } from './roles';
import { clearedSessionCookie, CONSOLE_PATH, overHttps, sessionCookie, viewerOf } from './session';
import type { ConsoleResponse, ConsoleSignIn } from './types';

const TITLE = { zh: '登录', en: 'Sign in' };

/** GET the sign-in page; POST signs in (same origin only) and goes to the console's home. */
export async function serveSignIn(
  signIn: ConsoleSignIn,
  req: IncomingMessage,
): Promise<ConsoleResponse> {
  if (req.method === 'GET') return signInPage(signIn);
  if (req.method !== 'POST') return signInPage(signIn, 'Use GET or POST.', 405);
  if (!sameOrigin(req)) return signInPage(signIn, 'Sign in from this page.', 403);
  let form: URLSearchParams;
  try {
    form = await readForm(req);
  } catch (error) {
    return signInPage(signIn, (error as Error).message, 400);
  }
  const signedIn = await tokenFor(signIn, form, req);
  if ('problem' in signedIn) return signInPage(signIn, signedIn.problem, 400);
  const viewer = viewerOf(signedIn.token);
  if (!viewer || !consoleRole(viewer, signedIn.purpose))
    return signInPage(
      signIn,
      'This token and purpose are not for a console role (privacy officer, privacy contact, auditor, citizen, or a sharing agency or the data authority under data-sharing).',
      403,
    );
  return redirect(
    `${CONSOLE_PATH}/`,
    sessionCookie(signedIn.token, signedIn.purpose, overHttps(req)),
  );
}

/** POST /console/sign-out: the session cookie is cleared. */
export function signOut(req: IncomingMessage): ConsoleResponse {
  if (req.method !== 'POST' || !sameOrigin(req)) return redirect(`${CONSOLE_PATH}/`);
  return redirect(`${CONSOLE_PATH}/sign-in`, clearedSessionCookie());
}

async function tokenFor(
  signIn: ConsoleSignIn,
  form: URLSearchParams,
  req: IncomingMessage,
): Promise<{ token: string; purpose: string } | { problem: string }> {
  if (signIn.kind === 'development') {
    if (!fromLoopback(req))
      return { problem: 'Development sign-in works on this machine only; use a token.' };
    const value = form.get('consumer') ?? '';
    const choice = CONSOLE_SIGN_IN_CHOICES.find((c) => c.value === value);
    if (!choice || !signIn.consumers.some((c) => c.name === choice.consumer))
      return {
        problem: `Choose one of: ${CONSOLE_SIGN_IN_CHOICES.map((c) => c.value).join(', ')}.`,
      };
    const minted = await signIn.mint(choice.consumer, choice.person);
    return { token: minted.token, purpose: choice.purpose ?? minted.purpose };
  }
  const token = form.get('token')?.trim() ?? '';
  const purpose = form.get('purpose') ?? '';
  if (!token) return { problem: 'Paste your token.' };
  if (!signIn.purposes.some((p) => p.code === purpose))
    return { problem: 'Choose a purpose from the catalogue.' };
  return { token, purpose };
}

function signInPage(signIn: ConsoleSignIn, problem?: string, status = 200): ConsoleResponse {
  const body = html`${problem && html`<p class="problem" role="alert">${problem}</p>`}
    <form method="post" action="${CONSOLE_PATH}/sign-in" class="sign-in">
      ${signIn.kind === 'development' ? developmentChoices(signIn) : tokenFields(signIn)}
      <button type="submit">${zh(TITLE)}</button>
    </form>`;
  return htmlResponse(layout({ title: TITLE, body }), status);
}

function developmentChoices(signIn: Extract<ConsoleSignIn, { kind: 'development' }>): Html {
  const offered = CONSOLE_SIGN_IN_CHOICES.flatMap((choice) =>
    signIn.consumers
      .filter((c) => c.name === choice.consumer)
      .map((c) => ({
        ...choice,
        description: c.description,
        purpose: choice.purpose ?? c.purpose,
      })),
  );
  return html`<fieldset>
    <legend>${label({ zh: '开发环境：选择角色', en: 'Development: choose a role' })}</legend>
    ${offered.map(
      (c, i) =>
        html`<label class="choice"
          ><input
            type="radio"
            name="consumer"
            value="${c.value}"
            ${i === 0 ? html` checked` : ''}
          />
          ${label(ROLE_LABELS[c.role])}
          <small>${c.description} · ${c.purpose}</small></label
        >`,
    )}
  </fieldset>`;
}

function tokenFields(signIn: Extract<ConsoleSignIn, { kind: 'token' }>): Html {
  return html`<label
      >${label({ zh: '令牌', en: 'Token (the same as for the graph)' })}
      <textarea name="token" rows="4" required autocomplete="off"></textarea>
    </label>
    <label
      >${label({ zh: '目的', en: 'Purpose' })}
      <select name="purpose">
        ${signIn.purposes.map((p) => html`<option value="${p.code}">${p.name}</option>`)}
      </select></label
    >`;
}
