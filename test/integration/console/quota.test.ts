import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadPolicies } from '../../../policies';
import { openPolicyStore, policyContent } from '../../../policy-store';
import { testDatabaseUrl } from '../../support/database';
import type { Federation } from '../../support/federation';
import { consolePage, newCaseNumber, signIn, startConsole, textOf } from '../../support/console';
import { as } from '../../support/security';

// Quota use (items 2 and 5), counted from the access records: a live revision gives the
// caseworkers' person grant a daily quota of 4 persons per official; a caseworker of this test
// is shown 3 persons; the policy page lists the grant near quota (75 % is under the 80 % mark,
// so a fourth person makes it near), and the official's profile shows 3 / 4 or 4 / 4.
const GRANT = 'public-security-caseworker-persons';
const QUOTA = 4;
const CASEWORKER = {
  sub: `caseworker-quota-${randomUUID().slice(0, 8)}`,
  kind: 'official',
  dept: 'civil-affairs',
  role: 'caseworker',
  jurisdiction: '510107',
} as const;
const PERSONS = ['PCYGN28R6', 'PFB9YBZ34'];

let federation: Federation;
let schema: string;
const saved = { source: process.env.POLICY_SOURCE, schema: process.env.POLICY_SCHEMA };

beforeAll(async () => {
  schema = `console_quota_${randomUUID().slice(0, 8)}`;
  const store = await openPolicyStore({ url: testDatabaseUrl(), schema });
  const files = loadPolicies();
  const grants = files.grants.map((g) =>
    g.id === GRANT ? { ...g, quota: { personsPerOfficial: QUOTA } } : g,
  );
  await store.append({
    content: policyContent({ ...files, grants }).text,
    cause: 'import',
    author: 'ops',
  });
  await store.close();
  process.env.POLICY_SOURCE = 'db';
  process.env.POLICY_SCHEMA = schema;
  federation = await startConsole();
});
afterAll(async () => {
  await federation?.stop();
  process.env.POLICY_SOURCE = saved.source;
  process.env.POLICY_SCHEMA = saved.schema;
  if (saved.source === undefined) delete process.env.POLICY_SOURCE;
  if (saved.schema === undefined) delete process.env.POLICY_SCHEMA;
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

/** The test's caseworker reads one person under a case number (a record of the grant). */
async function reads(personId: string) {
  const response = await federation.query(
    `query Applicant { person(id: "${personId}") { name } }`,
    {},
    {
      ...(await as(CASEWORKER, 'social-assistance-eligibility')),
      'x-case-number': newCaseNumber(),
    },
  );
  expect(response.errors).toBeUndefined();
}

type Use = { grant: string; quota: number; mostPersons: number; officials: number; share: number };

async function useOfGrant(): Promise<Use> {
  const response = await federation.query<{ grantQuotaUse: Use[] }>(
    '{ grantQuotaUse { grant quota mostPersons officials share } }',
    {},
    await as('privacy-officer', 'privacy-oversight'),
  );
  expect(response.errors).toBeUndefined();
  return response.data!.grantQuotaUse.find((u) => u.grant === GRANT)!;
}

describe('quota use from the access records', () => {
  it('counts the distinct persons one official was shown under the grant today', async () => {
    const before = await useOfGrant();
    expect(before.quota).toBe(QUOTA);
    await reads(PERSONS[0]!);
    await reads(PERSONS[0]!); // the same person twice counts once
    await reads(PERSONS[1]!);
    const after = await useOfGrant();
    // Other tests' caseworkers may have read more today; this one has read 2.
    expect(after.mostPersons).toBeGreaterThanOrEqual(2);
    expect(after.officials).toBeGreaterThanOrEqual(before.officials + (before.officials ? 0 : 1));
    expect(after.share).toBeCloseTo(after.mostPersons / QUOTA);
  });

  it("shows the official's own use in the profile, and the grant on the policy page", async () => {
    const officer = await signIn(federation, 'privacy-officer');
    const profile = await consolePage(
      federation,
      officer,
      `/console/official?id=${CASEWORKER.sub}`,
    );
    expect(profile.status).toBe(200);
    const use = profile.html.match(new RegExp(`<li data-grant="${GRANT}">([\\s\\S]*?)</li>`))!;
    expect(textOf(use[1]!)).toMatch(new RegExp(`\\d{4}-\\d{2}-\\d{2}: 2 / ${QUOTA} \\(50%\\)`));

    const policy = await consolePage(federation, officer, '/console/policy');
    expect(policy.status).toBe(200);
    const row = policy.html.match(
      new RegExp(`<tr\\s+data-grant="${GRANT}"[^>]*>([\\s\\S]*?)</tr>`),
    )!;
    const { mostPersons } = await useOfGrant();
    expect(textOf(row[1]!)).toContain(`civil-affairs/caseworker ${QUOTA} ${mostPersons}`);
    expect(row[0]).toMatch(mostPersons / QUOTA >= 0.8 ? /class="near"/ : /class=""/);
  });
});
