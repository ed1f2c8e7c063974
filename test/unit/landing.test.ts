import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import {
  DEV_TOKEN_PATH,
  landingRoutes,
  LANDING_ASSET_PATHS,
  LANDING_CONTENT_SECURITY_POLICY,
  readLandingAsset,
  renderLandingPage,
} from '../../gateway/landing';
import type { LandingPageOptions, LandingSignIn } from '../../gateway/landing';

const citizenLookup = {
  name: 'Look up a citizen',
  description: 'Fetches one person by pseudonymous id.',
  query: 'query CitizenById($id: ID!) { person(id: $id) { name } }',
  variables: { id: 'P0004J2K9' },
};

const scriptBreakout = {
  name: 'Breakout <img src=x>',
  description: 'Tries to close the <script> element & run its own.',
  query: '{ hello } # </script><script>alert(1)</script> <!-- \u2028\u2029',
};

function setup(overrides: Partial<LandingPageOptions> = {}): string {
  return renderLandingPage({
    endpoint: '/graphql',
    title: 'Government data graph',
    examples: [citizenLookup],
    headers: { authorization: 'Bearer <token>', 'x-purpose': '' },
    ...overrides,
  });
}

/** URLs in src/href attributes, resolved the way a browser at '/' would. */
function referencedPaths(html: string): string[] {
  const refs = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
  return refs
    .filter((ref) => ref !== 'data:,')
    .map((ref) => new URL(ref, 'http://gateway.test/').pathname);
}

/** The settings the page hands to boot.js, read back as the browser would. */
function bootConfig(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="landing-config">([^<]*)<\/script>/.exec(html);
  if (!match) throw new Error('The page has no landing-config data block.');
  return JSON.parse(match[1]) as Record<string, unknown>;
}

describe('renderLandingPage', () => {
  it('contains no external URL when the endpoint is relative', () => {
    expect(setup()).not.toMatch(/https?:\/\//);
  });

  it('contains no external URL but an absolute endpoint', () => {
    const endpoint = 'https://gateway.gov.test/graphql';
    expect(setup({ endpoint }).match(/https?:\/\/[^"]*/g)).toEqual([endpoint]);
  });

  it('references exactly the allow-listed assets, relative to the page', () => {
    const html = setup();
    expect(html).not.toMatch(/(?:src|href)="\//);
    expect(referencedPaths(html)).toEqual(LANDING_ASSET_PATHS);
  });

  it('has no inline script or event handler, so a strict CSP holds', () => {
    const html = setup();
    const scriptTags = html.match(/<script[^>]*>/g) ?? [];
    for (const tag of scriptTags) expect(tag).toMatch(/ src="|type="application\/json"/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(LANDING_CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(LANDING_CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('opens every example as a tab with its variables and the configured headers', () => {
    const headers = JSON.stringify({ authorization: 'Bearer <token>', 'x-purpose': '' }, null, 2);
    expect(bootConfig(setup({ examples: [citizenLookup, scriptBreakout] }))).toEqual({
      endpoint: '/graphql',
      headers,
      tabs: [
        { query: citizenLookup.query, variables: '{\n  "id": "P0004J2K9"\n}', headers },
        { query: scriptBreakout.query, headers },
      ],
    });
  });

  it('leaves tabs and headers to GraphiQL when there are none', () => {
    expect(bootConfig(setup({ examples: [], headers: undefined }))).toEqual({
      endpoint: '/graphql',
    });
  });

  it('escapes example text so it cannot leave its element', () => {
    const html = setup({ examples: [scriptBreakout], title: 'Graph </title><b>' });
    expect(html).not.toContain('</script><script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<!--');
    expect(html).not.toMatch(/[\u2028\u2029]/);
    expect(html).toContain('<title>Graph &lt;/title&gt;&lt;b&gt;</title>');
    expect(html).toContain('<strong>Breakout &lt;img src=x&gt;</strong>');
    expect(bootConfig(html).tabs).toEqual([
      expect.objectContaining({ query: scriptBreakout.query }),
    ]);
  });
});

describe('readLandingAsset', () => {
  it.each(LANDING_ASSET_PATHS)('serves %s with its content type', async (path) => {
    const asset = await readLandingAsset(path);
    expect(asset?.body.length).toBeGreaterThan(0);
    expect(asset?.contentType).toBe(
      path.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
    );
  });

  it('reads each file once and serves it from memory after', async () => {
    const first = await readLandingAsset('/graphiql/graphiql.min.js');
    const second = await readLandingAsset('/graphiql/graphiql.min.js');
    expect(second?.body).toBe(first?.body);
  });

  it.each([
    '/graphiql/../package.json',
    '/graphiql/%2e%2e/x',
    '/graphiql/%2e%2e/%2e%2e/package.json',
    '/graphiql/graphiql.min.js.map',
    '/graphiql/',
    '/graphiql/GRAPHIQL.MIN.JS',
    'graphiql/graphiql.min.js',
    '/graphiql/graphiql.min.js?v=1',
    '/package.json',
    '/constructor',
    '/__proto__',
  ])('serves nothing for %s', async (path) => {
    await expect(readLandingAsset(path)).resolves.toBeNull();
  });
});

describe('sign-in', () => {
  const minted: string[] = [];
  const development: LandingSignIn = {
    kind: 'development',
    defaultConsumer: 'caseworker',
    examplePerson: 'PCYGN28R6',
    consumers: [
      { name: 'caseworker', description: 'caseworker', purpose: 'p1', needsPerson: false },
      { name: 'citizen', description: 'citizen', purpose: 'self-service', needsPerson: true },
    ],
    mint: async (consumer, person) => {
      minted.push(`${consumer}:${person ?? ''}`);
      return { token: 'a.b.c', purpose: 'p1', expiresAt: '2030-01-01T00:00:00.000Z' };
    },
  };
  const production: LandingSignIn = { kind: 'token', purposes: [{ code: 'p1', name: 'P one' }] };

  /** A request as Node's server hands it over. */
  function request(
    method: string,
    body: string,
    headers: Record<string, string> = {},
    remoteAddress = '127.0.0.1',
  ) {
    const req = Readable.from([Buffer.from(body)]) as unknown as IncomingMessage;
    Object.assign(req, {
      method,
      headers: { host: 'localhost:4000', 'content-type': 'application/json', ...headers },
      socket: { remoteAddress },
    });
    return req;
  }
  const routes = (signIn: LandingSignIn) =>
    landingRoutes({ title: 'Graph', examples: [citizenLookup], signIn });

  it('mints a development token for an example consumer', async () => {
    const response = await routes(development)(
      DEV_TOKEN_PATH,
      request('POST', '{"consumer":"caseworker"}', { 'sec-fetch-site': 'same-origin' }),
    );
    expect(response?.status).toBe(200);
    expect(JSON.parse(String(response?.body))).toEqual({
      token: 'a.b.c',
      purpose: 'p1',
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
  });

  it.each([
    [
      'another site',
      request('POST', '{"consumer":"caseworker"}', { origin: 'http://evil.test' }),
      403,
    ],
    [
      'a cross-site fetch',
      request('POST', '{"consumer":"caseworker"}', { 'sec-fetch-site': 'cross-site' }),
      403,
    ],
    ['another machine', request('POST', '{"consumer":"caseworker"}', {}, '10.0.0.7'), 403],
    [
      'a page of another name rebound to this machine (DNS rebinding)',
      request('POST', '{"consumer":"caseworker"}', {
        host: 'rebind.evil.test:4000',
        origin: 'http://rebind.evil.test:4000',
        'sec-fetch-site': 'same-origin',
      }),
      403,
    ],
    ['a sandboxed frame', request('POST', '{"consumer":"caseworker"}', { origin: 'null' }), 403],
    ['a form post', request('POST', 'consumer=caseworker', { 'content-type': 'text/plain' }), 415],
    ['a GET', request('GET', ''), 405],
    ['an unknown consumer', request('POST', '{"consumer":"root"}'), 400],
    ['a citizen without a person', request('POST', '{"consumer":"citizen"}'), 400],
    ['not JSON', request('POST', '{'), 400],
  ])('refuses %s', async (_what, req, status) => {
    const before = minted.length;
    const response = await routes(development)(DEV_TOKEN_PATH, req);
    expect(response?.status).toBe(status);
    expect(minted.length).toBe(before);
  });

  it('has no token endpoint in production, and the page asks for a token and a purpose', async () => {
    await expect(
      routes(production)(DEV_TOKEN_PATH, request('POST', '{"consumer":"caseworker"}')),
    ).resolves.toBeNull();
    const page = await routes(production)('/', request('GET', ''));
    const html = String(page?.body);
    expect(html).toContain('name="token"');
    expect(html).toContain('<option value="p1">p1: P one</option>');
    expect(html).not.toContain(DEV_TOKEN_PATH);
    expect(bootConfig(html).signIn).toEqual({ kind: 'token' });
  });

  it('offers the example consumers in development, and the page never carries a token', async () => {
    const html = String((await routes(development)('/', request('GET', '')))?.body);
    expect(html).toContain('<option value="caseworker" selected>');
    expect(html).toContain('value="PCYGN28R6"');
    expect(html).not.toContain('a.b.c');
    expect(bootConfig(html).signIn).toEqual({
      kind: 'development',
      tokenPath: `.${DEV_TOKEN_PATH}`,
      defaultConsumer: 'caseworker',
      consumers: [
        { name: 'caseworker', purpose: 'p1', needsPerson: false },
        { name: 'citizen', purpose: 'self-service', needsPerson: true },
      ],
    });
  });
});
