import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadPolicies } from '../../../policies';
import { openPolicyStore, policyContent, type PolicyStore } from '../../../policy-store';
import type { Federation } from '../../support/federation';
import { testDatabaseUrl } from '../../support/database';
import { consolePage, signIn, startConsole, textOf } from '../../support/console';

// Revisions in a scratch schema of their own: the live-policy tests follow the default one.
const schema = `console_policy_${randomUUID().slice(0, 8)}`;
const SUSPENDED = 'tax-caseworker-income';
let federation: Federation;
let store: PolicyStore;

beforeAll(async () => {
  process.env.POLICY_SCHEMA = schema;
  store = await openPolicyStore({ url: testDatabaseUrl(), schema });
  const files = loadPolicies();
  await store.append({ content: policyContent(files).text, cause: 'import', author: 'ops' });
  const suspended = { ...files, grants: files.grants.filter((g) => g.id !== SUSPENDED) };
  await store.append({
    content: policyContent(suspended).text,
    cause: 'suspension',
    author: 'demo-privacy-officer',
    note: '暂停：核查中',
  });
  await store.confirm('gateway-lagging', 1, 30_000);
  federation = await startConsole();
});
afterAll(async () => {
  await federation?.stop();
  await store?.close();
  delete process.env.POLICY_SCHEMA;
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

describe('policy revisions and diff (item 5)', () => {
  it('lists revisions with author and cause, and a replica one revision behind', async () => {
    const cookie = await signIn(federation, 'auditor');
    const page = await consolePage(federation, cookie, '/console/policy');
    expect(page.status).toBe(200);
    const row = (n: number) =>
      textOf(page.html.match(new RegExp(`<tr data-revision="${n}">.*?</tr>`, 's'))?.[0] ?? '');
    expect(row(2)).toMatch(/^ ?2 suspension demo-privacy-officer 暂停：核查中 /);
    expect(row(1)).toMatch(/^ ?1 import ops — /);
    const replica = textOf(page.html.match(/<table class="replicas">.*?<\/table>/s)?.[0] ?? '');
    expect(replica).toMatch(/gateway-lagging 1 1 \d+ 在线 live/);
  });

  it('shows what a revision closed compared with the one before', async () => {
    const cookie = await signIn(federation, 'privacy-officer');
    const page = await consolePage(federation, cookie, '/console/policy?from=1&to=2');
    expect(page.status).toBe(200);
    const rows = [...page.html.matchAll(/<tr class="change-(\w+)">(.*?)<\/tr>/gs)].map((m) => [
      m[1],
      textOf(m[2]!),
    ]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every(([change, text]) => change === 'closed' && text.includes(SUSPENDED))).toBe(
      true,
    );
    expect(rows.map(([, text]) => text).join('\n')).toContain('PersonalIncome');
    const same = await consolePage(federation, cookie, '/console/policy?from=0&to=1');
    expect(textOf(same.html)).toContain('版本 0 与 1 相同');
  });

  it('refuses a revision that does not exist, saying which', async () => {
    const cookie = await signIn(federation, 'auditor');
    const page = await consolePage(federation, cookie, '/console/policy?from=1&to=99');
    expect(page.status).toBe(400);
    expect(textOf(page.html)).toContain('There is no policy revision 99.');
  });
});
