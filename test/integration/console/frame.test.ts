import { consolePage, signIn, textOf, useConsole } from '../../support/console';
import { tokenFor } from '../../support/security';

const federation = useConsole();

describe('the console frame', () => {
  it('sends a visitor without a session to the sign-in page, which offers the console roles', async () => {
    const home = await consolePage(federation(), null, '/console/');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/console/sign-in');
    const page = await consolePage(federation(), null, '/console/sign-in');
    expect(page.status).toBe(200);
    const values = [...page.html.matchAll(/name="consumer"\s+value="([^"]+)"/g)].map((m) => m[1]);
    expect(values).toEqual([
      'privacy-officer',
      'privacy-contact',
      'auditor',
      'sharing-civil-affairs',
      'sharing-health',
      'data-authority',
      'citizen',
    ]);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
  });

  it.each([
    ['privacy-officer', '数据局个人信息保护负责人', 'data-bureau'],
    ['privacy-contact', '部门个人信息保护联络人', 'civil-affairs'],
    ['auditor', '审计员（只读，限期授权）', 'data-bureau'],
    ['citizen', '群众（本人）', 'PCYGN28R6'],
  ] as const)('signs in as %s and shows the role in the frame', async (role, title, department) => {
    const cookie = await signIn(federation(), role);
    const home = await consolePage(federation(), cookie, '/console/');
    expect(home.status).toBe(200);
    expect(textOf(home.html)).toContain(title);
    expect(textOf(home.html)).toContain(
      role === 'citizen' ? `demo-citizen-${department}` : `${department} · demo-${role}`,
    );
    expect(home.html).toContain('<html lang="zh-CN">');
    expect(home.html).not.toMatch(/<script[^>]*>[^<]/); // no inline script
    expect(home.html).not.toMatch(/ style="/); // no inline style
  });

  it('refuses a sign-in posted from another site, and any role the console does not serve', async () => {
    const foreign = await fetch(`${federation().url}/console/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://evil.example',
      },
      body: 'consumer=auditor',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
    const caseworker = await consolePage(federation(), null, '/console/sign-in', {
      consumer: 'caseworker',
    });
    expect(caseworker.status).toBe(400);
    expect(caseworker.headers.get('set-cookie')).toBeNull();
  });

  it('lets no session cookie but one the console wrote open a page', async () => {
    const forged = Buffer.from(
      JSON.stringify({ token: await tokenFor('caseworker'), purpose: 'audit' }),
    ).toString('base64url');
    const page = await consolePage(federation(), `console_session=${forged}`, '/console/');
    expect(page.status).toBe(303); // a caseworker's token is not a console role
  });

  it('signs out: the cookie is cleared', async () => {
    const cookie = await signIn(federation(), 'auditor');
    const out = await consolePage(federation(), cookie, '/console/sign-out', {});
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^console_session=;.*Max-Age=0/);
  });

  it('serves its stylesheet from this origin, and 404s any other asset name', async () => {
    const css = await fetch(`${federation().url}/console/assets/console.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${federation().url}/console/assets/x.js`)).status).toBe(404);
  });
});
