import { randomUUID } from 'node:crypto';
import { CONSOLE_PAGES, CONSOLE_SIGN_IN_CHOICES, SESSION_COOKIE } from '../../../console';
import { csvCell } from '../../../console/search/export-format';
import { mintToken } from '../../../gateway/identity';
import {
  caseworkerReads,
  consolePage,
  FULL_ID_OR_MOBILE,
  signIn,
  startSharingConsole,
  type ConsoleSignInRole,
} from '../../support/console';
import type { Federation } from '../../support/federation';
import { rawRequest } from '../../support/raw-http';
import { as, testSigningKey } from '../../support/security';
import type { SharingStack } from '../sharing/support';

// The oversight console attacked from outside with ordinary tokens: pages and posts a role
// should not reach, forged cookies, cross-site posts, stored and reflected script, formula
// cells in exports, header injection, oversized input, asset path tricks and parameters that
// would make a page slow. Over the real gateway and departments (sharing stack, console on A).

let stack: SharingStack;
let federation: Federation;
const cookies = {} as Record<ConsoleSignInRole, string>;

beforeAll(async () => {
  stack = await startSharingConsole();
  federation = stack.gateways[0];
  for (const choice of CONSOLE_SIGN_IN_CHOICES) {
    const role = choice.value as ConsoleSignInRole;
    cookies[role] = await signIn(federation, role);
  }
});
afterAll(() => stack?.stop());

const APPLICANT = 'PFB9YBZ34';
const SCRIPT = `"'><script>alert(1)</script><img src=x onerror=alert(2)>`;
/** Markup an attacker's text would become if a page did not escape it. */
const RAW_MARKUP = /<script>alert|<img src=x/;

const sessionOf = (token: string, purpose: string) =>
  `${SESSION_COOKIE}=${Buffer.from(JSON.stringify({ token, purpose })).toString('base64url')}`;

/** Any POST with these headers (the console's own forms send the first kind). */
async function post(path: string, headers: Record<string, string>, form: Record<string, string>) {
  const response = await fetch(`${federation.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

async function requestState(number: string): Promise<string> {
  const answer = await stack.as(
    'auditor',
    `query($n: ID!) { sharingRequest(number: $n) { state } }`,
    { n: number },
  );
  return answer.data.sharingRequest.state;
}

/** A seeded request of two other departments (hotline asks tax), still pending. */
async function strangersRequest(): Promise<string> {
  const all = await stack.as(
    'auditor',
    `{ sharingRequests(role: AUTHORITY, limit: 100) { number state requester provider } }`,
  );
  return all.data.sharingRequests.find(
    (r: any) => r.requester === 'hotline' && r.provider === 'tax' && r.state === 'SUBMITTED',
  ).number;
}

describe('a role reaches only its pages', () => {
  const attempts = CONSOLE_SIGN_IN_CHOICES.flatMap((choice) =>
    CONSOLE_PAGES.filter((page) => !page.roles.includes(choice.role)).map(
      (page) => [choice.value, page.method ?? 'GET', page.path] as const,
    ),
  );
  it.each(attempts)('%s: %s %s is refused before the graph is read', async (role, method, path) => {
    const before = federation.statements();
    const answer = await consolePage(
      federation,
      cookies[role as ConsoleSignInRole],
      `/console${path}?number=SHR00000001&id=${APPLICANT}&format=csv`,
      method === 'POST' ? { number: 'SHR00000001', action: 'suspend', reason: 'x' } : undefined,
    );
    expect(answer.status).toBe(403);
    expect(federation.statements()).toBe(before);
  });

  it('a page under another method or a path trick is not found', async () => {
    for (const path of [
      '/console/request/act',
      '/console/records/',
      '/console//records',
      '/console/records%2Fexport',
      '/console/./records',
    ]) {
      const answer = await consolePage(federation, cookies['sharing-health'], path);
      expect([303, 403, 404]).toContain(answer.status);
      expect(answer.html).not.toMatch(FULL_ID_OR_MOBILE);
    }
  });
});

describe('a session cookie the console did not write', () => {
  const officer = {
    sub: 'demo-privacy-officer',
    kind: 'official',
    dept: 'data-bureau',
    role: 'privacy-officer',
  };
  const forged: [string, () => Promise<string>][] = [
    [
      'an unsigned token (alg none) claiming the privacy officer',
      async () => {
        const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...officer, exp: 4_102_444_800 })}.`;
      },
    ],
    [
      'an expired token',
      async () =>
        mintToken(officer as never, {
          signingKey: await testSigningKey(),
          issuedAt: new Date(Date.now() - 7_200_000),
          expiresAt: new Date(Date.now() - 3_600_000),
        }),
    ],
    [
      'a token for another audience',
      async () =>
        mintToken(officer as never, {
          signingKey: await testSigningKey(),
          audience: 'another-app',
        }),
    ],
    [
      'a token with a re-written payload (the caseworker made privacy officer)',
      async () => {
        const token = await mintToken(
          {
            sub: 'demo-caseworker',
            kind: 'official',
            dept: 'civil-affairs',
            role: 'caseworker',
          } as never,
          { signingKey: await testSigningKey() },
        );
        const [head, , signature] = token.split('.');
        const payload = Buffer.from(JSON.stringify({ ...officer, exp: 4_102_444_800 })).toString(
          'base64url',
        );
        return `${head}.${payload}.${signature}`;
      },
    ],
  ];
  it.each(forged)('%s: no record, no person, no step', async (_how, token) => {
    await caseworkerReads(federation, APPLICANT, `MZ-${randomUUID().slice(0, 8)}`);
    const cookie = sessionOf(await token(), 'privacy-oversight');
    for (const path of [
      '/console/records',
      `/console/person?id=${APPLICANT}`,
      '/console/records/export?format=csv',
    ]) {
      const answer = await consolePage(federation, cookie, path);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.html).not.toMatch(FULL_ID_OR_MOBILE);
      expect(answer.html).not.toContain(APPLICANT + ',');
      expect(answer.headers.get('content-disposition')).toBeNull();
    }
  });

  it.each([
    ['garbage', `${SESSION_COOKIE}=%%%`],
    [
      'JSON without a token',
      `${SESSION_COOKIE}=${Buffer.from('{"purpose":"audit"}').toString('base64url')}`,
    ],
    ['a huge cookie', `${SESSION_COOKIE}=${'A'.repeat(12_000)}`],
  ])('%s: back to the sign-in page', async (_how, cookie) => {
    const answer = await consolePage(federation, cookie, '/console/records');
    expect([303, 431]).toContain(answer.status);
    if (answer.status === 303) expect(answer.headers.get('location')).toBe('/console/sign-in');
  });
});

describe('the session cookie', () => {
  const signInWith = (headers: Record<string, string>) =>
    post('/console/sign-in', { origin: federation.url, ...headers }, { consumer: 'auditor' });

  it('is HttpOnly, SameSite=Strict and for the console’s path only', async () => {
    const cookie = (await signInWith({})).headers.get('set-cookie')!;
    expect(cookie).toMatch(/; Path=\/console;/);
    expect(cookie).toContain('; HttpOnly');
    expect(cookie).toContain('; SameSite=Strict');
  });

  it('is Secure when the browser reached the console over HTTPS (a TLS-terminating proxy)', async () => {
    const cookie = (await signInWith({ 'x-forwarded-proto': 'https' })).headers.get('set-cookie')!;
    expect(cookie).toContain('; Secure');
  });
});

describe('DNS rebinding against the development sign-in', () => {
  it('a page of another name resolved to this machine cannot sign in', async () => {
    const { port } = new URL(federation.url);
    const body = 'consumer=privacy-officer';
    const answer = await rawRequest(federation.url, [
      `POST /console/sign-in HTTP/1.1\r\nHost: rebind.evil.example:${port}\r\n` +
        `Origin: http://rebind.evil.example:${port}\r\nSec-Fetch-Site: same-origin\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    ]);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.headers['set-cookie']).toBeUndefined();
  });
});

describe('cross-site posts and state-changing GETs', () => {
  const forgeries: [string, (url: string) => Record<string, string>][] = [
    ['no Origin and no Sec-Fetch-Site', () => ({})],
    ['Origin: null', () => ({ origin: 'null' })],
    ['another Origin', () => ({ origin: 'https://evil.example' })],
    ['a look-alike Origin', (url) => ({ origin: `${url}.evil.example` })],
    [
      'Sec-Fetch-Site: cross-site with a good Origin',
      (url) => ({ origin: url, 'sec-fetch-site': 'cross-site' }),
    ],
    [
      'Sec-Fetch-Site: same-site (a sibling host)',
      (url) => ({ origin: url, 'sec-fetch-site': 'same-site' }),
    ],
    ['Sec-Fetch-Site: none (typed in the address bar)', () => ({ 'sec-fetch-site': 'none' })],
  ];
  it.each(forgeries)('%s: a step is refused and the request unchanged', async (_how, headers) => {
    const number = await strangersRequest();
    const answer = await post(
      '/console/request/act',
      { cookie: cookies['data-authority'], ...headers(federation.url) },
      { number, action: 'decide-extension', approve: 'true', reason: '同意' },
    );
    expect(answer.status).toBe(403);
    expect(await requestState(number)).toBe('SUBMITTED');
  });

  it.each(forgeries)('%s: sign-in (login CSRF) and sign-out are refused', async (_how, headers) => {
    const signInAnswer = await post('/console/sign-in', headers(federation.url), {
      consumer: 'privacy-officer',
    });
    expect(signInAnswer.status).toBe(403);
    expect(signInAnswer.headers.get('set-cookie')).toBeNull();
    const signOut = await post(
      '/console/sign-out',
      { cookie: cookies.auditor, ...headers(federation.url) },
      {},
    );
    expect(signOut.headers.get('set-cookie')).toBeNull();
  });

  it('GET on a step or sign-out changes nothing', async () => {
    const number = await strangersRequest();
    const step = await consolePage(
      federation,
      cookies['data-authority'],
      `/console/request/act?number=${number}&action=suspend&reason=x`,
    );
    expect(step.status).toBe(404);
    const out = await consolePage(federation, cookies.auditor, '/console/sign-out');
    expect(out.headers.get('set-cookie')).toBeNull();
    expect(await requestState(number)).toBe('SUBMITTED');
  });
});

describe('stored script in every free text shown back', () => {
  it('a request, a return list and a refusal with markup are shown as text on every page', async () => {
    const filed = await consolePage(
      federation,
      cookies['sharing-civil-affairs'],
      '/console/request/new',
      {
        provider: 'health',
        purpose: 'social-assistance-eligibility',
        legalBasis: `法 ${SCRIPT}`,
        scenario: `场景 ${SCRIPT}`,
        scope: `范围 ${SCRIPT}`,
        method: 'INTERFACE',
        periodEnd: '2027-06-30',
        consent: `函 ${SCRIPT}`,
        fields: 'Person.vaccinations FULL',
      },
    );
    expect(filed.status).toBe(303);
    const number = new URL(filed.headers.get('location')!, federation.url).searchParams.get(
      'number',
    )!;
    const act = (form: Record<string, string>) =>
      consolePage(federation, cookies['sharing-health'], '/console/request/act', {
        number,
        ...form,
      });
    expect((await act({ action: 'return', missing: `材料 ${SCRIPT}` })).status).toBe(303);
    await consolePage(federation, cookies['sharing-civil-affairs'], '/console/request/act', {
      number,
      action: 'supplement',
      note: `补充 ${SCRIPT}`,
    });
    const refused = await act({
      action: 'reply',
      reply: 'REFUSE',
      reason: 'OTHER',
      explanation: `不必要 ${SCRIPT}`,
    });
    expect([200, 303]).toContain(refused.status);
    const pages: [ConsoleSignInRole, string][] = [
      ['sharing-health', `/console/request?number=${number}`],
      ['sharing-civil-affairs', `/console/request?number=${number}`],
      ['data-authority', `/console/request?number=${number}`],
      ['sharing-health', '/console/requests'],
      ['sharing-civil-affairs', '/console/requests?side=REQUESTER'],
      ['data-authority', '/console/requests/statistics'],
      ['sharing-civil-affairs', '/console/requests/statistics?side=REQUESTER'],
    ];
    for (const [role, path] of pages) {
      const answer = await consolePage(federation, cookies[role], path);
      expect(answer.status).toBe(200);
      expect(answer.html).not.toMatch(RAW_MARKUP);
    }
    const page = await consolePage(
      federation,
      cookies['sharing-health'],
      `/console/request?number=${number}`,
    );
    expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('stored script in a citizen’s challenge and an incident comment', () => {
  it('is shown as text to the privacy contact and the privacy officer', async () => {
    const person = 'PCYGN28R6';
    await caseworkerReads(federation, person, `MZ-${randomUUID().slice(0, 8)}`);
    const citizen = await as('citizen', 'self-service', person);
    const mine = await federation.query<any>(
      '{ myAccessRecords(first: 1) { records { id } } }',
      {},
      citizen,
    );
    const flagged = await federation.query<any>(
      'mutation Flag($input: ChallengeDisclosureInput!) { challengeDisclosure(input: $input) { id } }',
      { input: { recordId: mine.data.myAccessRecords.records[0].id, reason: `不认识 ${SCRIPT}` } },
      citizen,
    );
    expect(flagged.errors).toBeUndefined();
    const id = flagged.data.challengeDisclosure.id;
    const commented = await consolePage(
      federation,
      cookies['privacy-contact'],
      '/console/incident/act',
      {
        id,
        action: 'comment',
        text: `核查 ${SCRIPT}`,
      },
    );
    expect(commented.status).toBe(303);
    for (const role of ['privacy-contact', 'privacy-officer'] as const) {
      for (const path of [`/console/incident?id=${id}`, '/console/incidents']) {
        const answer = await consolePage(federation, cookies[role], path);
        expect(answer.status).toBe(200);
        expect(answer.html).not.toMatch(RAW_MARKUP);
      }
    }
    const page = await consolePage(
      federation,
      cookies['privacy-officer'],
      `/console/incident?id=${id}`,
    );
    expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('reflected script through every query parameter', () => {
  const p = encodeURIComponent(SCRIPT);
  const input = encodeURIComponent(
    JSON.stringify({
      provider: SCRIPT,
      scenario: SCRIPT,
      fields: [{ coordinate: SCRIPT, access: SCRIPT }],
      rows: [{ type: SCRIPT, field: SCRIPT, value: SCRIPT }],
    }),
  );
  const reflected: [ConsoleSignInRole, string][] = [
    [
      'privacy-officer',
      `/console/records?consumerId=${p}&department=${p}&purpose=${p}&field=${p}&caseNumber=${p}&from=${p}&outcome=${p}`,
    ],
    ['privacy-officer', `/console/person?id=${p}`],
    ['privacy-officer', `/console/person?id=${APPLICANT}&after=${p}`],
    ['privacy-officer', `/console/records/export?format=${p}`],
    ['privacy-officer', `/console/incidents?status=${p}`],
    ['privacy-officer', `/console/incident?id=${p}`],
    ['privacy-officer', `/console/official?id=${p}`],
    ['privacy-officer', `/console/chain?streamId=${p}&month=${p}`],
    ['privacy-officer', `/console/policy?from=${p}`],
    ['privacy-officer', `/console/policy?field=${p}`],
    ['privacy-officer', `/console/compliance?from=${p}&to=${p}`],
    ['privacy-officer', `/console/sharing?department=${p}`],
    ['sharing-health', `/console/requests?side=${p}&state=${p}`],
    ['sharing-health', `/console/request?number=${p}`],
    ['sharing-health', `/console/requests/statistics?from=${p}&to=${p}&side=${p}`],
    ['sharing-civil-affairs', `/console/request/new?input=${input}`],
    ['sharing-civil-affairs', `/console/request/new?input=${p}`],
  ];
  it.each(reflected)('%s: %s', async (role, path) => {
    const answer = await consolePage(federation, cookies[role], path);
    expect(answer.status).toBeLessThan(500);
    expect(answer.html).not.toMatch(RAW_MARKUP);
    expect(answer.headers.get('content-security-policy') ?? '').toContain("script-src 'self'");
  });

  it('the sign-in page reflects nothing of a posted form', async () => {
    const answer = await post('/console/sign-in', { origin: federation.url }, { consumer: SCRIPT });
    expect(answer.status).toBe(400);
    expect(answer.html).not.toMatch(RAW_MARKUP);
  });
});

describe('exports: formula cells and header injection', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['=HYPERLINK("http://x","a")', `"'=HYPERLINK(""http://x"",""a"")"`],
    ['MZ-1', 'MZ-1'],
  ])('the cell %j is written %j', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it('a case number starting with - reaches the CSV export neutralised', async () => {
    const caseNumber = `-${randomUUID().slice(0, 8)}`;
    await caseworkerReads(federation, APPLICANT, caseNumber);
    const answer = await consolePage(
      federation,
      cookies['privacy-officer'],
      `/console/records/export?format=csv&caseNumber=${encodeURIComponent(caseNumber)}`,
    );
    expect(answer.status).toBe(200);
    const rows = answer.html
      .split('\r\n')
      .slice(1)
      .filter((l) => l && !l.startsWith('#'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toContain(`,'${caseNumber},`);
      expect(row).not.toMatch(/(^|,)"?[=+\-@\t\r]/);
    }
  });

  it.each([
    ['/console/compliance/export?from=2026-01-01%0D%0ASet-Cookie:%20x=1&to=2026-02-01'],
    ['/console/compliance/export?from=2026-01-01&to=2026-02-01%22%3B%20filename%3Devil.html'],
    ['/console/records/export?format=csv%0D%0AX-Injected:%201'],
  ])('%s: refused, no injected header', async (path) => {
    const answer = await consolePage(federation, cookies['privacy-officer'], path);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect(answer.headers.get('x-injected')).toBeNull();
    expect(answer.headers.get('content-disposition')).toBeNull();
  });
});

describe('oversized and malformed input', () => {
  it('a form over 16 KiB is refused', async () => {
    const answer = await post(
      '/console/request/new',
      { cookie: cookies['sharing-civil-affairs'], origin: federation.url },
      { scenario: 'x'.repeat(20_000) },
    );
    expect(answer.status).toBe(400);
  });

  it('a form that is not urlencoded is refused', async () => {
    const response = await fetch(`${federation.url}/console/request/act`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: cookies['sharing-health'],
        origin: federation.url,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ number: 'SHR00000001', action: 'suspend' }),
    });
    expect(response.status).toBe(400);
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    [
      'too many fields',
      JSON.stringify({
        fields: Array.from({ length: 101 }, () => ({ coordinate: 'Person.name', access: 'FULL' })),
      }),
    ],
    ['a text too long', JSON.stringify({ scenario: 'x'.repeat(2_001) })],
    ['a quota that is not a number', JSON.stringify({ personsPerOfficial: '1; DROP' })],
    ['an ID number in a wrong place', JSON.stringify({ provider: 110105194912310020 })],
  ])('?input= with %s: 400, nothing of it echoed', async (_how, value) => {
    const answer = await consolePage(
      federation,
      cookies['sharing-civil-affairs'],
      `/console/request/new?input=${encodeURIComponent(value)}`,
    );
    expect(answer.status).toBe(400);
    expect(answer.html).not.toContain('DROP');
    expect(answer.html).not.toContain('110105194912310020');
  });

  it('a request number that is not one is refused, not looked up', async () => {
    for (const number of ["SHR00000001' OR '1'='1", 'SHR0000000１', '../SHR00000001', '']) {
      const answer = await consolePage(
        federation,
        cookies['sharing-health'],
        `/console/request?number=${encodeURIComponent(number)}`,
      );
      expect(answer.status).toBe(400);
    }
  });
});

describe('personal values in error pages and masked views', () => {
  const ID = '11010519491231002X';
  const MOBILE = '13800138000';
  const probes: [ConsoleSignInRole, string][] = [
    ['privacy-officer', `/console/records?personId=${ID}`],
    ['privacy-officer', `/console/records?consumerId=${MOBILE}&policyRevision=${ID}`],
    ['privacy-officer', `/console/records?outcome=${ID}`],
    ['privacy-officer', `/console/records?from=${MOBILE}&to=${ID}`],
    ['privacy-officer', `/console/records?field=${ID}&department=${MOBILE}`],
    ['privacy-contact', `/console/records?personId=${ID}&calledDepartment=${MOBILE}`],
    ['privacy-officer', `/console/person?id=${APPLICANT}&after=${ID}`],
    ['privacy-officer', `/console/compliance?from=${ID}`],
    ['privacy-officer', `/console/incidents?status=${ID}`],
    ['privacy-officer', `/console/person?id=${ID}`],
    ['privacy-officer', `/console/official?id=${MOBILE}`],
    ['privacy-officer', `/console/incident?id=${ID}`],
    ['privacy-officer', `/console/policy?field=${ID}`],
    ['privacy-officer', `/console/chain?streamId=${ID}&month=${MOBILE}`],
    ['privacy-officer', `/console/records/export?format=csv&from=${ID}`],
    ['sharing-health', `/console/request?number=${ID}`],
    ['sharing-health', `/console/requests/statistics?from=${ID}`],
  ];
  it.each(probes)('%s: %s never shows the value in an error', async (role, path) => {
    const answer = await consolePage(federation, cookies[role], path);
    if (answer.status >= 400) expect(answer.html).not.toMatch(FULL_ID_OR_MOBILE);
  });

  it('a masked grant shows no full ID number or mobile on any records page or export', async () => {
    const caseNumber = `MZ-${randomUUID().slice(0, 8)}`;
    await caseworkerReads(federation, APPLICANT, caseNumber);
    for (const role of ['privacy-contact', 'auditor', 'privacy-officer'] as const) {
      for (const path of [
        `/console/records?caseNumber=${caseNumber}`,
        `/console/person?id=${APPLICANT}`,
        `/console/records/export?format=csv&caseNumber=${caseNumber}`,
        `/console/records/export?format=jsonl&caseNumber=${caseNumber}`,
      ]) {
        const answer = await consolePage(federation, cookies[role], path);
        expect(answer.status).toBe(200);
        expect(answer.html).not.toMatch(FULL_ID_OR_MOBILE);
      }
    }
  });
});

describe('another department’s request through the console (IDOR)', () => {
  it('its page is not shown and its steps are refused', async () => {
    const number = await strangersRequest();
    const page = await consolePage(
      federation,
      cookies['sharing-civil-affairs'],
      `/console/request?number=${number}`,
    );
    expect(page.status).toBeGreaterThanOrEqual(400);
    const steps: Record<string, string>[] = [
      { action: 'reply', reply: 'APPROVE' },
      { action: 'return', missing: '材料' },
      { action: 'request-extension', workingDays: '5', reason: '评估' },
    ];
    for (const form of steps) {
      const answer = await consolePage(
        federation,
        cookies['sharing-health'],
        '/console/request/act',
        { number, ...form },
      );
      expect(answer.status).toBeGreaterThanOrEqual(400);
    }
    expect(await requestState(number)).toBe('SUBMITTED');
  });
});

describe('a step named by a form field', () => {
  it.each([['__proto__'], ['constructor'], ['toString'], ['hasOwnProperty'], ['SUSPEND'], ['']])(
    'action=%j is refused and changes nothing',
    async (action) => {
      const number = await strangersRequest();
      const answer = await consolePage(
        federation,
        cookies['data-authority'],
        '/console/request/act',
        {
          number,
          action,
          approve: 'true',
          reason: '同意',
        },
      );
      expect(answer.status).toBe(400);
      expect(await requestState(number)).toBe('SUBMITTED');
    },
  );
});

describe('asset path tricks', () => {
  it.each([
    '/console/assets/../session.ts',
    '/console/assets/%2e%2e/session.ts',
    '/console/assets/..%2f..%2fpackage.json',
    '/console/assets/console.css%00.ts',
    '/console/assets/console.css/',
    '/console/assets//console.css',
    '/console/assets/CONSOLE.CSS',
    '/console/assets/%2fetc%2fpasswd',
  ])('%s: no file outside the allow-list', async (path) => {
    const response = await fetch(`${federation.url}${path}`, { redirect: 'manual' });
    const body = await response.text();
    expect(body).not.toMatch(/SESSION_COOKIE|"dependencies"|root:x:0/);
    if (response.status === 200) expect(response.headers.get('content-type')).toMatch(/^text\/css/);
  });
});

describe('a compliance period of a century', () => {
  it.each([
    ['/console/compliance?from=0001-01-01&to=9999-12-31'],
    ['/console/compliance/export?from=1926-01-01&to=2026-01-01'],
    ['/console/compliance?from=2025-01-01&to=2026-01-03'],
  ])('%s: refused before the records are read page by page', async (path) => {
    const before = federation.statements();
    const answer = await consolePage(federation, cookies['privacy-officer'], path);
    expect(answer.status).toBe(400);
    expect(answer.html).toContain('366 days');
    expect(federation.statements()).toBe(before);
  });

  it('a year is a period', async () => {
    const answer = await consolePage(
      federation,
      cookies['privacy-officer'],
      '/console/compliance?from=2025-01-01&to=2026-01-01',
    );
    expect(answer.status).toBe(200);
  });
});

describe('parameters that would make a page slow', () => {
  const slow: [ConsoleSignInRole, string][] = [
    ['privacy-officer', '/console/compliance?from=0001-01-01&to=9999-12-31'],
    ['privacy-officer', '/console/compliance/export?from=0001-01-01&to=9999-12-31'],
    ['privacy-officer', '/console/policy?from=0&to=999999999'],
    ['privacy-officer', '/console/policy?field=Person.name&at=999999999'],
    ['privacy-officer', `/console/person?id=${APPLICANT}&after=${'A'.repeat(40)}`],
    ['privacy-officer', '/console/records?from=0001-01-01&to=9999-12-31'],
    ['data-authority', '/console/requests/statistics?from=0001-01-01&to=9999-12-31'],
    ['data-authority', '/console/requests?limit=1000000&offset=999999999'],
  ];
  it.each(slow)('%s: %s answers within 3 s', async (role, path) => {
    const started = Date.now();
    const answer = await consolePage(federation, cookies[role], path);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(answer.status).toBeLessThan(500);
    expect(answer.html).not.toMatch(FULL_ID_OR_MOBILE);
  });
});
