import pg from 'pg';
import { Database } from '../../../subgraphs/kit';
import { loadAnomalyPolicy } from '../../../subgraphs/data-bureau/incidents/policy';
import {
  startAnomalyRunner,
  type AnomalyRunner,
} from '../../../subgraphs/data-bureau/incidents/runner';
import { createCity } from '../../../fixtures/city';
import { officials } from '../../../fixtures/city/officials';
import { TEST_CITY } from '../../support/city';
import { testDatabaseUrl } from '../../support/database';
import { startFederation, type Federation } from '../../support/federation';
import { probe } from '../../support/oversight';
import { as } from '../../support/security';

let federation: Federation;
let db: Database;
let leader: AnomalyRunner;
let follower: AnomalyRunner;
// A lock of this test's own, so a runner of another test's federation cannot take its turn.
const LOCK_KEY = 0x7e57_1d;
const policy = loadAnomalyPolicy();

beforeAll(async () => {
  federation = await startFederation();
  db = new Database({ url: testDatabaseUrl(), schema: 'data_bureau', maxConnections: 2 });
  const options = { lockKey: LOCK_KEY, intervalMs: 3_600_000 };
  leader = startAnomalyRunner(db, policy, options);
  follower = startAnomalyRunner(db, policy, options);
});
afterAll(async () => {
  await leader.stop();
  await follower.stop();
  await db.pool.end();
  await federation.stop();
});

// An account of this test alone, which probes for a field its grants do not open.
const PROBER = 'caseworker-prober-1';
const officer = () =>
  as(
    { sub: 'privacy-officer-1', kind: 'official', dept: 'data-bureau', role: 'privacy-officer' },
    'privacy-oversight',
  );
const contact = (dept: string) =>
  as(
    { sub: `${dept}-privacy-contact-2`, kind: 'official', dept, role: 'privacy-contact' },
    'privacy-oversight',
  );

async function gql<T>(query: string, headers: Record<string, string>, variables = {}) {
  const response = await federation.query<T>(query, variables, headers);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

type Incident = Record<string, unknown> & { id: string; evidence: string[] };
const INCIDENT =
  'id kind rule parameters evidence explanation explanationZh official department status statusReason assignee comments { author text }';

async function proberIncident(headers: Record<string, string>): Promise<Incident | undefined> {
  const { incidents } = await gql<{ incidents: Incident[] }>(
    `{ incidents(kind: ANOMALY, limit: 200) { ${INCIDENT} } }`,
    headers,
  );
  return incidents.find((i) => i.official === PROBER && i.rule === 'probing');
}

describe('repeated denied attempts become an explained incident, worked through the inbox', () => {
  let incident: Incident;

  beforeAll(async () => {
    await probe(federation, PROBER, 9);
  });

  it('runs on one replica at a time: while another holds the turn, a runner skips it', async () => {
    const other = new pg.Client({ connectionString: testDatabaseUrl() });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      await expect(follower.runOnce()).resolves.toEqual({ leader: false });
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    const run = await leader.runOnce();
    expect(run).toMatchObject({ leader: true, raised: expect.any(Number) });
    expect(run.leader && run.raised).toBeGreaterThanOrEqual(1);
    // The next run (by either) finds the same pattern in the same window: nothing new.
    expect(await follower.runOnce()).toMatchObject({ leader: true });
    const all = await gql<{ incidents: Incident[] }>(
      `{ incidents(kind: ANOMALY, limit: 200) { id official rule } }`,
      await officer(),
    );
    expect(all.incidents.filter((i) => i.official === PROBER && i.rule === 'probing')).toHaveLength(
      1,
    );
  });

  it('stores the rule, its parameters, the evidence records and a sentence', async () => {
    incident = (await proberIncident(await officer()))!;
    expect(incident).toMatchObject({
      kind: 'ANOMALY',
      rule: 'probing',
      official: PROBER,
      department: 'civil-affairs',
      status: 'NEW',
      explanation: `${PROBER} was refused 9 times in 60 min; more than 8 refusals raise this.`,
      explanationZh: `${PROBER} 在 60 分钟内被拒绝 9 次；超过 8 次即触发本规则。`,
    });
    expect(JSON.parse(incident.parameters as string)).toEqual(policy.rules.probing);
    const { accessRecords } = await gql<{
      accessRecords: { records: { id: string; outcome: string }[] };
    }>(
      `{ accessRecords(filter: { consumerId: "${PROBER}" }, first: 50) { records { id outcome } } }`,
      await as('auditor', 'audit'),
    );
    const refused = accessRecords.records.filter((r) => r.outcome === 'REFUSED').map((r) => r.id);
    expect(refused).toHaveLength(9);
    expect([...incident.evidence].sort()).toEqual(refused.sort());
  });

  it("is in civil affairs' inbox and the data bureau's, not tax's; the auditor reads but cannot move it", async () => {
    expect((await proberIncident(await contact('civil-affairs')))?.id).toBe(incident.id);
    expect(await proberIncident(await contact('tax'))).toBeUndefined();
    expect((await proberIncident(await as('auditor', 'audit')))?.id).toBe(incident.id);
    const move = await federation.query(
      `mutation { moveIncident(input: { id: "${incident.id}", to: TRIAGED }) { status } }`,
      {},
      await as('auditor', 'audit'),
    );
    expect(move.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('is assigned, commented, triaged, confirmed with a reason and closed', async () => {
    const headers = await officer();
    const step = async (mutation: string) =>
      (await gql<Record<string, Incident>>(
        `mutation { ${mutation} { ${INCIDENT} } }`,
        headers,
      )) as Record<string, Incident>;
    await step(`assignIncident(input: { id: "${incident.id}", assignee: "privacy-officer-1" })`);
    await step(
      `commentIncident(input: { id: "${incident.id}", text: "九次请求病历诊断，已约谈。" })`,
    );
    await step(`moveIncident(input: { id: "${incident.id}", to: TRIAGED })`);
    const bare = await federation.query(
      `mutation { moveIncident(input: { id: "${incident.id}", to: DISMISSED }) { status } }`,
      {},
      headers,
    );
    expect(bare.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'input.reason',
    });
    await step(
      `moveIncident(input: { id: "${incident.id}", to: CONFIRMED, reason: "无低保案件依据，越权试探。" })`,
    );
    const closed = await step(`moveIncident(input: { id: "${incident.id}", to: CLOSED })`);
    expect(closed.moveIncident).toMatchObject({
      status: 'CLOSED',
      statusReason: '无低保案件依据，越权试探。',
      assignee: 'privacy-officer-1',
      comments: [{ author: 'privacy-officer-1', text: '九次请求病历诊断，已约谈。' }],
    });
    const reopen = await federation.query(
      `mutation { moveIncident(input: { id: "${incident.id}", to: TRIAGED }) { status } }`,
      {},
      headers,
    );
    expect(reopen.errors?.[0]?.message).toBe(
      `Incident ${incident.id} is CLOSED; it moves to TRIAGED only from NEW.`,
    );
  });

  it('exports an evidence bundle: the records as stored, and their chains verified', async () => {
    const { incident: found } = await gql<{ incident: { evidenceBundle: string } }>(
      `{ incident(id: "${incident.id}") { evidenceBundle } }`,
      await officer(),
    );
    const bundle = JSON.parse(found.evidenceBundle);
    expect(bundle.incident.id).toBe(incident.id);
    expect(bundle.records.map((r: { id: string }) => r.id).sort()).toEqual(
      [...incident.evidence].sort(),
    );
    expect(bundle.records[0]).toMatchObject({
      consumer_id: PROBER,
      outcome: 'refused',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(bundle.chains).toEqual([{ streamId: federation.streamId, ok: true, firstBreak: null }]);
  });
});

describe("a read about the official's own household, joined with the data bureau's directory", () => {
  it('raises an incident naming the official, with that read as evidence', async () => {
    const city = createCity(TEST_CITY);
    const self = officials(city).find((o) => o.id === 'demo-registrar')!;
    const relative = [...city.households()]
      .flatMap((h) => h.members)
      .find((p) => self.household.includes(p.id) && p.id !== self.personId)!;
    // The registrar's own token, with a jurisdiction that covers the relative's district.
    const headers = await as(
      {
        sub: self.id,
        kind: 'official',
        dept: 'public-security',
        role: 'registrar',
        jurisdiction: relative.districtCode,
      },
      'household-registration',
    );
    const read = await federation.query(
      `query Relative { person(id: "${relative.id}") { name } }`,
      {},
      headers,
    );
    expect(read.errors).toBeUndefined();
    await leader.runOnce();
    const { incidents } = await gql<{ incidents: Incident[] }>(
      `{ incidents(kind: ANOMALY, limit: 200) { ${INCIDENT} } }`,
      await contact('public-security'),
    );
    const found = incidents.find(
      (i) => i.official === self.id && i.rule === 'household-or-colleagues',
    )!;
    expect(found.explanation).toMatch(
      /^demo-registrar read records about their own household [1-9]\d* times and about colleagues of their department \d+ times in 24 h; any such read raises this\.$/,
    );
    expect(found.explanation).not.toContain(relative.id);
    expect(found.evidence.length).toBeGreaterThanOrEqual(1);
  });
});

describe("an official's profile", () => {
  const PROFILE = `query P($id: String!) { officialProfile(officialId: $id) { officialId department role peers quota perDay { day requests } purposes { purpose requests } measures { name value peerMedian peerSpread } } }`;

  it('counts the requests, refusals and purposes, beside the peers of the same department and role', async () => {
    const { officialProfile } = await gql<{ officialProfile: any }>(PROFILE, await officer(), {
      id: PROBER,
    });
    expect(officialProfile).toMatchObject({
      officialId: PROBER,
      department: 'civil-affairs',
      role: 'caseworker',
    });
    const measures = Object.fromEntries(officialProfile.measures.map((m: any) => [m.name, m]));
    expect(measures.requests.value).toBeGreaterThanOrEqual(9);
    expect(measures.refused.value).toBe(9);
    expect(officialProfile.purposes[0]).toEqual({
      purpose: 'social-assistance-eligibility',
      requests: measures.requests.value,
    });
    expect(officialProfile.perDay.reduce((n: number, d: any) => n + d.requests, 0)).toBe(
      measures.requests.value,
    );
    expect(officialProfile.peers).toEqual(expect.any(Number));
  });

  it("is not shown to another department's privacy contact", async () => {
    const response = await federation.query(PROFILE, { id: PROBER }, await contact('tax'));
    expect(response.data?.officialProfile ?? null).toBeNull();
  });
});
