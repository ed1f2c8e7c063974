import { generateKeyPairSync } from 'node:crypto';
import { CONTEXT_HEADER, createContextSigner } from '../../../contracts/subgraph-context';
import { contextKeys, signedHeaders } from '../../support/context';
import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation.stop());

// A person in the caseworker's own district (武侯区 510107): the example applicant.
const APPLICANT = 'PFB9YBZ34';
const caseworker = () => as('caseworker', 'social-assistance-eligibility');

function deniedPaths(response: { errors?: { extensions?: Record<string, unknown> }[] }): string[] {
  const denied = response.errors?.[0]?.extensions?.denied as { path: string }[] | undefined;
  return (denied ?? []).map((d) => d.path);
}

describe('a denied field cannot be reached another way', () => {
  const attempts: [string, string, string[]][] = [
    [
      'directly',
      `{ person(id: "${APPLICANT}") { name medicalRecords { diagnosis } } }`,
      ['person.medicalRecords', 'person.medicalRecords.diagnosis'],
    ],
    [
      'through an alias',
      `{ person(id: "${APPLICANT}") { name m: medicalRecords { d: diagnosis } } }`,
      ['person.m', 'person.m.d'],
    ],
    [
      'through a fragment',
      `query { person(id: "${APPLICANT}") { ...P } } fragment P on Person { name medicalRecords { diagnosis } }`,
      ['person.medicalRecords', 'person.medicalRecords.diagnosis'],
    ],
    [
      'through an inline fragment',
      `{ person(id: "${APPLICANT}") { ... on Person { medicalRecords { diagnosis } } } }`,
      ['person.medicalRecords', 'person.medicalRecords.diagnosis'],
    ],
    [
      'under @skip(if: true), which the caller controls',
      `query($s: Boolean = true) { person(id: "${APPLICANT}") { name medicalRecords @skip(if: $s) { diagnosis } } }`,
      ['person.medicalRecords', 'person.medicalRecords.diagnosis'],
    ],
  ];

  it.each(attempts)('%s: FORBIDDEN before any department is called', async (_how, query, paths) => {
    const before = federation.statements();
    const response = await federation.query(query, {}, await caseworker());
    expect(response.status).toBe(403);
    expect(response.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(deniedPaths(response)).toEqual(paths);
    expect(response.data).toBeUndefined();
    expect(federation.statements()).toBe(before);
  });

  it('a purpose not granted opens nothing the grant opens for another purpose', async () => {
    const response = await federation.query(
      `{ person(id: "${APPLICANT}") { name } }`,
      {},
      await as('caseworker', 'market-supervision'),
    );
    expect(response.status).toBe(403);
    expect(response.errors![0]!.message).toMatch(
      /Purpose 'market-supervision' is not granted to civil-affairs\/caseworker for Query.person/,
    );
  });

  it('_entities is not part of the graph a client can query', async () => {
    const response = await federation.query(
      `{ _entities(representations: [{ __typename: "Person", id: "${APPLICANT}" }]) { ... on Person { name } } }`,
      {},
      await caseworker(),
    );
    expect(response.status).toBe(400);
    expect(response.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('rows: a consumer reads only the rows its grants allow', () => {
  const OUTSIDE_WUHOU = 'P004E3S05'; // registered in 锦江区 510104

  it('a caseworker in 武侯区 gets nothing for a person of 锦江区, and no department loads it', async () => {
    const mine = await federation.query<{ person: { name: string } | null }>(
      `{ person(id: "${APPLICANT}") { name annualIncomes { year } } }`,
      {},
      await caseworker(),
    );
    expect(mine.data!.person!.name).toMatch(/^\S+$/);
    const other = await federation.query<{ person: unknown }>(
      `{ person(id: "${OUTSIDE_WUHOU}") { name annualIncomes { year } } }`,
      {},
      await caseworker(),
    );
    expect(other.errors).toBeUndefined();
    expect(other.data!.person).toBeNull();
  });

  it('a citizen reads their own record, and nothing of another person', async () => {
    const citizen = await as('citizen', 'self-service', APPLICANT);
    const own = await federation.query<{ person: { id: string; idNumber: string } }>(
      `{ person(id: "${APPLICANT}") { id idNumber } }`,
      {},
      citizen,
    );
    expect(own.data!.person.id).toBe(APPLICANT);
    expect(own.data!.person.idNumber).toMatch(/^\d{17}[\dX]$/);
    const other = await federation.query<{ person: unknown }>(
      `{ person(id: "${OUTSIDE_WUHOU}") { id idNumber } }`,
      {},
      citizen,
    );
    expect(other.data!.person).toBeNull();
  });

  it("a caseworker's district list holds only persons of that district", async () => {
    const response = await federation.query<{ persons: { districtCode: string }[] }>(
      '{ persons(limit: 50) { districtCode } }',
      {},
      await caseworker(),
    );
    expect(response.data!.persons).toHaveLength(50);
    expect(new Set(response.data!.persons.map((p) => p.districtCode))).toEqual(new Set(['510107']));
  });
});

describe('masked values never leak', () => {
  it("the caseworker sees the applicant's ID number masked, and the full number appears nowhere", async () => {
    const full = await federation.query<{ person: { idNumber: string } }>(
      `{ person(id: "${APPLICANT}") { idNumber } }`,
      {},
      await as('registrar', 'household-registration'),
    );
    const response = await federation.query<{ person: { idNumber: string; n: string } }>(
      `{ person(id: "${APPLICANT}") { idNumber n: idNumber ...F } } fragment F on Person { idNumber }`,
      {},
      await caseworker(),
    );
    expect(response.errors).toBeUndefined();
    const masked = response.data!.person.idNumber;
    expect(masked).toMatch(/^\d{2}\*{15}[\dX]$/);
    expect(response.data!.person.n).toBe(masked);
    const fullNumber = full.data?.person?.idNumber;
    if (fullNumber) expect(JSON.stringify(response)).not.toContain(fullNumber);
    expect(JSON.stringify(response.data)).not.toMatch(/\d{3}/);
  });

  it('the fields shown next to the masked ID number do not rebuild it, under any alias or path', async () => {
    const full = await federation.query<{ person: { idNumber: string } }>(
      `{ person(id: "${APPLICANT}") { idNumber } }`,
      {},
      await as('registrar', 'household-registration'),
    );
    const fullNumber = full.data!.person.idNumber;
    const response = await federation.query<{ person: any }>(
      `{ person(id: "${APPLICANT}") {
          idNumber districtCode gender birthDate b: birthDate ...F
          household { members { id idNumber birthDate } head { birthDate } }
        } }
        fragment F on Person { d: birthDate }`,
      {},
      await caseworker(),
    );
    expect(response.errors).toBeUndefined();
    const { person } = response.data!;
    const year = `${fullNumber.slice(6, 10)}-**-**`;
    expect([person.birthDate, person.b, person.d]).toEqual([year, year, year]);
    const self = person.household.members.find((m: { id: string }) => m.id === APPLICANT);
    expect(self).toEqual({ id: APPLICANT, idNumber: person.idNumber, birthDate: year });
    for (const member of person.household.members) {
      expect(member.idNumber).toMatch(/^\d{2}\*{15}[\dX]$/);
      expect(member.birthDate).toMatch(/^\d{4}-\*\*-\*\*$/);
    }
    const body = JSON.stringify(response);
    // The birth month and day (MMDD) and the sequence appear nowhere.
    expect(body).not.toContain(fullNumber.slice(10, 14));
    expect(body).not.toContain(fullNumber.slice(6, 14));
    expect(body).not.toContain(fullNumber.slice(14, 17));
  });
});

describe('filter mode', () => {
  it('returns the allowed fields and null with a FORBIDDEN error for each denied one', async () => {
    const filtering = await startFederation({ mode: 'filter' });
    try {
      const response = await filtering.query<{ person: Record<string, unknown> }>(
        `{ person(id: "${APPLICANT}") { name medicalRecords { diagnosis } } }`,
        {},
        await caseworker(),
      );
      expect(response.data!.person.name).toMatch(/^\S+$/);
      expect(response.data!.person.medicalRecords).toBeNull();
      expect(response.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([
        [['person', 'medicalRecords'], 'FORBIDDEN'],
        [['person', 'medicalRecords', 'diagnosis'], 'FORBIDDEN'],
      ]);
    } finally {
      await filtering.stop();
    }
  });
});

describe('a department cannot be read around the gateway', () => {
  const body = JSON.stringify({ query: '{ person(id: "PFB9YBZ34") { idNumber name } }' });
  const url = () => federation.subgraphs.find((s) => s.name === 'public-security')!.url;
  const call = (headers: Record<string, string>, payload = body) =>
    fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: payload,
    });

  it('refuses a call without the gateway context (401)', async () => {
    const response = await call({});
    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(/must come through the gateway/);
  });

  it('refuses a context signed by another key', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const forged = await createContextSigner({ privateKey })(
      'public-security',
      {
        consumer: {
          kind: 'official',
          id: 'x',
          department: 'public-security',
          role: 'registrar',
          jurisdiction: null,
          application: null,
          personId: null,
        },
        purpose: 'household-registration',
        caseNumber: null,
        requestId: 'r',
        rules: [],
      },
      body,
    );
    const response = await call({ [CONTEXT_HEADER]: forged });
    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(/signature/);
  });

  it('refuses a context replayed, or reused for another body, or meant for another department', async () => {
    const headers = await signedHeaders('public-security', body);
    expect((await call(headers)).status).toBe(200);
    const replay = await call(headers);
    expect(replay.status).toBe(401);
    expect(await replay.text()).toMatch(/replay/);

    const other = await signedHeaders('public-security', body);
    const tampered = await call(
      other,
      JSON.stringify({ query: '{ persons(limit: 5000) { idNumber } }' }),
    );
    expect(tampered.status).toBe(401);
    expect(await tampered.text()).toMatch(/another request body/);

    const forTax = await signedHeaders('tax', body);
    const wrongAudience = await call(forTax);
    expect(wrongAudience.status).toBe(401);
    expect(await wrongAudience.text()).toMatch(/aud/);
  });

  it('refuses an expired context', async () => {
    const { privateKey } = contextKeys;
    const expired = await createContextSigner({ privateKey, ttlSec: -10 })(
      'public-security',
      {
        consumer: {
          kind: 'gateway',
          id: 't',
          department: null,
          role: null,
          jurisdiction: null,
          application: null,
          personId: null,
        },
        purpose: 'test',
        caseNumber: null,
        requestId: 'r',
        rules: [],
      },
      body,
    );
    const response = await call({ [CONTEXT_HEADER]: expired });
    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(/expired/);
  });
});
