import { escapeHtml } from './escape';
import type { LandingSignIn } from './sign-in';

/**
 * The sign-in bar above GraphiQL; boot.js wires it (the page has no inline script). In
 * development: pick an example consumer (a citizen also picks a person). In production: paste
 * a token and choose a purpose.
 */
export function renderSignInForm(signIn: LandingSignIn): string {
  return signIn.kind === 'development' ? developmentForm(signIn) : tokenForm(signIn);
}

function developmentForm(signIn: Extract<LandingSignIn, { kind: 'development' }>): string {
  const options = signIn.consumers.map(
    ({ name, description, purpose }) =>
      `<option value="${escapeHtml(name)}"${name === signIn.defaultConsumer ? ' selected' : ''}>` +
      `${escapeHtml(name)}: ${escapeHtml(description)} · ${escapeHtml(purpose)}</option>`,
  );
  const person = escapeHtml(signIn.examplePerson ?? '');
  return `<form id="landing-sign-in" class="landing-sign-in" data-kind="development">
<label>Sign in as <select name="consumer">${options.join('')}</select></label>
<label class="landing-person" hidden>person <input name="person" value="${person}" size="11" maxlength="9" pattern="[A-Z0-9]{9}" spellcheck="false"></label>
<label><input type="checkbox" name="examplesOwn" checked> example tabs run as their own consumer</label>
<button type="submit">Sign in</button>
<output name="status" class="landing-status">Development: tokens are minted here with the development key (npm run token does the same).</output>
</form>`;
}

function tokenForm(signIn: Extract<LandingSignIn, { kind: 'token' }>): string {
  const purposes = signIn.purposes.map(
    ({ code, name }) =>
      `<option value="${escapeHtml(code)}">${escapeHtml(code)}: ${escapeHtml(name)}</option>`,
  );
  return `<form id="landing-sign-in" class="landing-sign-in" data-kind="token">
<label>Token <input name="token" type="password" autocomplete="off" size="30" placeholder="bearer token from your identity provider"></label>
<label>Purpose <select name="purpose"><option value="">choose a purpose</option>${purposes.join('')}</select></label>
<button type="submit">Use in every tab</button>
<output name="status" class="landing-status">Paste your token and choose the purpose you query for.</output>
</form>`;
}
