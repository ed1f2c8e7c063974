import { readFileSync } from 'node:fs';
import pg from 'pg';
import {
  createPolicyEngine,
  loadPolicies,
  packPolicyRules,
  type Consumer,
} from '../../../policies';
import { SUPERGRAPH_PATH } from '../../../schema';
import { classificationFromSupergraph } from '../../../schema/classification';
import { signedHeaders } from '../../support/context';
import { testDatabaseUrl } from '../../support/database';
import { startFederation, type Federation, type GraphQLResponse } from '../../support/federation';
import { recordsOf } from '../../support/records';
import { as } from '../../support/security';

// The registrar of 青羊区 keeps the register of her district (every Person field) and checks
// parents' identity city-wide (id, name, idNumber, gender, birthDate): each field on its own rows.
const REGISTRAR_DISTRICT = '510105';
const REGISTRATION = 'household-registration';

let federation: Federation;
let db: pg.Client;

interface PersonRow {
  id: string;
  idNumber: string;
  name: string;
  address: string;
  mobile: string;
  householdId: string;
  householdAddress: string;
}

/** What the tests read straight from the departments' tables: the secrets to look for. */
const city = {} as {
  outsider: PersonRow;
  insider: PersonRow;
  outsiderMembers: { id: string; address: string }[];
  certificate: { number: string; mother: PersonRow };
  marriage: { citizen: string; spouse: PersonRow };
  enterprise: { uscc: string; representative: string };
  page: { id: string; mobile: string | null; inside: boolean }[];
  wuhouIds: string[];
};

const PERSON = `SELECT p.id, p.id_number AS "idNumber", p.name, p.address, p.mobile,
  p.household_id AS "householdId", h.address AS "householdAddress"
  FROM public_security.person p JOIN public_security.household h ON h.id = p.household_id`;

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await db.query(sql, params);
  if (!rows[0]) throw new Error(`no fixture for ${sql}`);
  return rows[0] as T;
}

beforeAll(async () => {
  federation = await startFederation();
  db = new pg.Client({ connectionString: testDatabaseUrl() });
  await db.connect();
  const outside = `p.district_code <> '${REGISTRAR_DISTRICT}'`;
  city.outsider = await one(`${PERSON} WHERE ${outside} AND p.mobile IS NOT NULL ORDER BY p.id`);
  city.insider = await one(
    `${PERSON} WHERE p.district_code = '${REGISTRAR_DISTRICT}' AND p.mobile IS NOT NULL ORDER BY p.id`,
  );
  city.outsiderMembers = (
    await db.query('SELECT id, address FROM public_security.person WHERE household_id = $1', [
      city.outsider.householdId,
    ])
  ).rows;
  const certificate = await one<{ number: string; mother: string }>(
    `SELECT b.certificate_number AS number, b.mother_id AS mother FROM health.birth_certificate b
       JOIN public_security.person p ON p.id = b.mother_id WHERE ${outside}
      ORDER BY b.certificate_number`,
  );
  city.certificate = {
    number: certificate.number,
    mother: await one(`${PERSON} WHERE p.id = $1`, [certificate.mother]),
  };
  const marriage = await one<{ a: string; b: string }>(
    `SELECT party_a_id AS a, party_b_id AS b FROM civil_affairs.marriage_record
      ORDER BY registration_number`,
  );
  city.marriage = {
    citizen: marriage.a,
    spouse: await one(`${PERSON} WHERE p.id = $1`, [marriage.b]),
  };
  city.enterprise = await one(
    `SELECT uscc, legal_representative_id AS representative FROM market_regulation.enterprise
      ORDER BY uscc`,
  );
  city.page = (
    await db.query(
      `SELECT id, mobile, district_code = $1 AS inside FROM public_security.person
        ORDER BY id LIMIT 200`,
      [REGISTRAR_DISTRICT],
    )
  ).rows;
  city.wuhouIds = (
    await db.query(
      `SELECT id FROM public_security.person WHERE district_code = '510107' ORDER BY id LIMIT 5`,
    )
  ).rows.map((r: { id: string }) => r.id);
});

afterAll(async () => {
  await db.end();
  await federation.stop();
});

const registrar = () => as('registrar', REGISTRATION);
const citizen = (id: string) => as('citizen', 'self-service', id);

/** The registrar's consumer, as her token makes it, for rules sent straight to a department. */
const registrarConsumer: Consumer = {
  kind: 'official',
  id: 'demo-registrar',
  department: 'public-security',
  role: 'registrar',
  jurisdiction: REGISTRAR_DISTRICT,
  application: null,
  personId: null,
};

const supergraph = classificationFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const engine = createPolicyEngine(loadPolicies(), supergraph.classification);

/** Calls a department directly, with a context signed as the gateway would for these rules. */
async function direct(
  subgraph: string,
  query: string,
  variables: Record<string, unknown>,
  rules: { rules: unknown[]; borrowedRules: unknown[] },
): Promise<GraphQLResponse> {
  const url = federation.subgraphs.find((s) => s.name === subgraph)!.url;
  const body = JSON.stringify({ query, variables });
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(await signedHeaders(subgraph, body, rules.rules, rules.borrowedRules)),
    },
    body,
  });
  return { status: response.status, ...((await response.json()) as object) };
}

/** The rules the gateway ships to `subgraph` for the registrar. */
function registrarRules(subgraph: string) {
  const ability = engine.abilityFor(registrarConsumer, REGISTRATION);
  return {
    rules: ability.rulesFor(supergraph.typesBySubgraph.get(subgraph) ?? [], subgraph),
    borrowedRules: ability.borrowedRulesFor(
      supergraph.borrowedBySubgraph.get(subgraph) ?? new Map(),
      subgraph,
    ),
  };
}

const ENTITIES = (selection: string) =>
  `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`;

interface Attack {
  /** The request an attacker sends. */
  send(): Promise<GraphQLResponse>;
  /** Where the out-of-condition field must be null with FORBIDDEN (none: the rows are filtered). */
  forbidden?: () => (string | number)[];
  /** Values outside the grant that must appear nowhere in the body. */
  secrets(): string[];
  /** The same request on rows the grant admits: it must answer in full, in as many statements. */
  inside?(): Promise<GraphQLResponse>;
}

const gateway =
  (query: string, variables: () => Record<string, unknown>, who = registrar) =>
  async () =>
    federation.query(query, variables(), await who());

const ATTACKS: [string, Attack][] = [
  [
    'registrar reads the address of a person of another district by id',
    {
      send: gateway('query ($id: ID!) { person(id: $id) { name address } }', () => ({
        id: city.outsider.id,
      })),
      forbidden: () => ['person', 'address'],
      secrets: () => [city.outsider.address],
      inside: gateway('query ($id: ID!) { person(id: $id) { name address } }', () => ({
        id: city.insider.id,
      })),
    },
  ],
  [
    'registrar reads the mobile of a person of another district by id',
    {
      send: gateway('query ($id: ID!) { person(id: $id) { id mobile } }', () => ({
        id: city.outsider.id,
      })),
      forbidden: () => ['person', 'mobile'],
      secrets: () => [city.outsider.mobile],
      inside: gateway('query ($id: ID!) { person(id: $id) { id mobile } }', () => ({
        id: city.insider.id,
      })),
    },
  ],
  [
    'registrar reads the household of a person of another district by id',
    {
      send: gateway('query ($id: ID!) { person(id: $id) { id household { id address } } }', () => ({
        id: city.outsider.id,
      })),
      forbidden: () => ['person', 'household'],
      secrets: () => [city.outsider.householdId, city.outsider.householdAddress],
      inside: gateway(
        'query ($id: ID!) { person(id: $id) { id household { id address } } }',
        () => ({
          id: city.insider.id,
        }),
      ),
    },
  ],
  [
    'registrar searches by ID number (open city-wide) to reach the mobile (open in her district)',
    {
      send: gateway(
        'query ($n: String!) { personByIdNumber(idNumber: $n) { name idNumber mobile } }',
        () => ({ n: city.outsider.idNumber }),
      ),
      forbidden: () => ['personByIdNumber', 'mobile'],
      secrets: () => [city.outsider.mobile],
      inside: gateway(
        'query ($n: String!) { personByIdNumber(idNumber: $n) { name idNumber mobile } }',
        () => ({ n: city.insider.idNumber }),
      ),
    },
  ],
  [
    'registrar searches by ID number to reach the address',
    {
      send: gateway('query ($n: String!) { personByIdNumber(idNumber: $n) { address } }', () => ({
        n: city.outsider.idNumber,
      })),
      forbidden: () => ['personByIdNumber', 'address'],
      secrets: () => [city.outsider.address],
    },
  ],
  [
    'registrar lists persons city-wide: each mobile only in her district',
    {
      send: gateway('{ persons(limit: 200) { id mobile } }', () => ({})),
      forbidden: () => ['persons', city.page.findIndex((p) => !p.inside), 'mobile'],
      secrets: () => city.page.flatMap((p) => (!p.inside && p.mobile ? [p.mobile] : [])),
    },
  ],
  [
    'registrar filters persons by a district she may not read: the filter is a read',
    {
      send: gateway('{ persons(districtCode: "510107", limit: 5) { id } }', () => ({})),
      secrets: () => city.wuhouIds,
    },
  ],
  [
    "registrar follows a person of another district to the household members' addresses",
    {
      send: gateway(
        'query ($n: String!) { personByIdNumber(idNumber: $n) { name household { members { address } } } }',
        () => ({ n: city.outsider.idNumber }),
      ),
      forbidden: () => ['personByIdNumber', 'household'],
      secrets: () => city.outsiderMembers.map((m) => m.address),
    },
  ],
  [
    "registrar reads a newborn's mother of another district: identity yes, address no",
    {
      send: gateway(
        'query ($n: String!) { birthCertificate(certificateNumber: $n) { mother { name idNumber address } } }',
        () => ({ n: city.certificate.number }),
      ),
      forbidden: () => ['birthCertificate', 'mother', 'address'],
      secrets: () => [city.certificate.mother.address],
    },
  ],
  [
    "registrar reads a newborn's mother's household and mobile in another district",
    {
      send: gateway(
        'query ($n: String!) { birthCertificate(certificateNumber: $n) { mother { mobile household { address } } } }',
        () => ({ n: city.certificate.number }),
      ),
      forbidden: () => ['birthCertificate', 'mother', 'household'],
      secrets: () => [city.certificate.mother.mobile, city.certificate.mother.householdAddress],
    },
  ],
  [
    "citizen reads their own marriage record for the spouse's person id",
    {
      send: gateway(
        'query ($id: ID!) { person(id: $id) { marriageRecords { registrationNumber spouse { id } } } }',
        () => ({ id: city.marriage.citizen }),
        () => citizen(city.marriage.citizen),
      ),
      forbidden: () => ['person', 'marriageRecords', 0, 'spouse', 'id'],
      secrets: () => [city.marriage.spouse.id],
    },
  ],
  [
    "citizen follows their marriage record to the spouse's name and ID number",
    {
      send: gateway(
        'query ($id: ID!) { person(id: $id) { marriageRecords { spouse { name idNumber } } } }',
        () => ({ id: city.marriage.citizen }),
        () => citizen(city.marriage.citizen),
      ),
      forbidden: () => ['person', 'marriageRecords', 0, 'spouse', 'id'],
      secrets: () => [
        city.marriage.spouse.id,
        city.marriage.spouse.name,
        city.marriage.spouse.idNumber,
      ],
    },
  ],
  [
    '_entities sent straight to public security for a person of another district',
    {
      send: () =>
        direct(
          'public-security',
          ENTITIES('... on Person { address mobile }'),
          { r: [{ __typename: 'Person', id: city.outsider.id }] },
          registrarRules('public-security'),
        ),
      forbidden: () => ['_entities', 0, 'address'],
      secrets: () => [city.outsider.address, city.outsider.mobile, city.outsider.id],
      inside: () =>
        direct(
          'public-security',
          ENTITIES('... on Person { address mobile }'),
          { r: [{ __typename: 'Person', id: city.insider.id }] },
          registrarRules('public-security'),
        ),
    },
  ],
  [
    '_entities sent straight to public security for a household of another district',
    {
      send: () =>
        direct(
          'public-security',
          ENTITIES('... on Person { id household { address members { mobile } } }'),
          { r: [{ __typename: 'Person', id: city.outsider.id }] },
          registrarRules('public-security'),
        ),
      forbidden: () => ['_entities', 0, 'household'],
      secrets: () => [city.outsider.householdAddress, city.outsider.mobile],
    },
  ],
  [
    "_entities to market regulation: a representative's id under a district rule it cannot check",
    {
      send: () =>
        direct(
          'market-regulation',
          ENTITIES('... on Enterprise { uscc legalRepresentative { id } }'),
          { r: [{ __typename: 'Enterprise', uscc: city.enterprise.uscc }] },
          {
            rules: packPolicyRules([
              { action: 'read', subject: 'Enterprise', fields: ['uscc', 'legalRepresentative'] },
            ]),
            borrowedRules: packPolicyRules([
              {
                action: 'read',
                subject: 'Person',
                fields: ['id'],
                conditions: { districtCode: REGISTRAR_DISTRICT },
              },
            ]),
          },
        ),
      forbidden: () => ['_entities', 0, 'legalRepresentative', 'id'],
      secrets: () => [city.enterprise.representative],
    },
  ],
  [
    "_entities to civil affairs: another person's marital status and records under a citizen's rules",
    {
      send: () =>
        direct(
          'civil-affairs',
          ENTITIES('... on Person { maritalStatus marriageRecords { registrationNumber } }'),
          { r: [{ __typename: 'Person', id: city.marriage.spouse.id }] },
          {
            rules: packPolicyRules([
              {
                action: 'read',
                subject: 'Person',
                fields: ['maritalStatus', 'marriageRecords'],
                conditions: { id: city.marriage.citizen },
              },
              { action: 'read', subject: 'MarriageRecord' },
            ]),
            borrowedRules: [],
          },
        ),
      forbidden: () => ['_entities', 0, 'maritalStatus'],
      secrets: () => [],
    },
  ],
];

describe('row rules hold per field, in every entry point', () => {
  it.each(ATTACKS)('%s', async (_name, attack) => {
    const before = federation.statements();
    const response = await attack.send();
    const statements = federation.statements() - before;
    expect(response.status).toBe(200);
    // A department tells the gateway whom it served (extensions.subjects) for the access record;
    // the gateway takes that out of what it returns. Everything else is what a caller sees.
    const extensions = { ...response.extensions };
    delete extensions.subjects;
    const body = JSON.stringify({ ...response, extensions });
    for (const secret of attack.secrets()) expect(body).not.toContain(secret);
    const codes = new Set(response.errors?.map((e) => e.extensions?.code));
    if (attack.forbidden) {
      expect(response.errors).toContainEqual(
        expect.objectContaining({
          path: attack.forbidden(),
          extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
        }),
      );
      expect(codes).toEqual(new Set(['FORBIDDEN']));
    } else {
      expect(response.errors).toBeUndefined();
    }
    // Denial happens on loaded rows: never a statement more than the same request inside.
    if (attack.inside) {
      const beforeInside = federation.statements();
      const inside = await attack.inside();
      expect(inside.errors).toBeUndefined();
      expect(JSON.stringify(inside.data)).not.toContain('null');
      expect(statements).toBeLessThanOrEqual(federation.statements() - beforeInside);
    }
  });
});

describe('relations give only what the caller may read of the target', () => {
  it('a citizen keeps their own marriage record; only the spouse it may not name is null', async () => {
    const response = await federation.query<{
      person: { marriageRecords: { registrationNumber: string; spouse: unknown }[] };
    }>(
      'query ($id: ID!) { person(id: $id) { marriageRecords { registrationNumber spouse { id } } } }',
      { id: city.marriage.citizen },
      await citizen(city.marriage.citizen),
    );
    const records = response.data!.person.marriageRecords;
    expect(records.length).toBeGreaterThan(0);
    expect(records[0]!.registrationNumber).toMatch(/\S/);
    expect(records.every((r) => r.spouse === null)).toBe(true);
    expect(JSON.stringify(response)).not.toContain(city.marriage.spouse.id);
  });
});

describe('in-condition rows and batching', () => {
  it("a city-wide page shows each mobile exactly on the registrar's own district's rows", async () => {
    const response = await federation.query<{ persons: { id: string; mobile: string | null }[] }>(
      '{ persons(limit: 200) { id mobile } }',
      {},
      await registrar(),
    );
    expect(response.data!.persons.map((p) => p.id)).toEqual(city.page.map((p) => p.id));
    expect(response.data!.persons.map((p) => p.mobile)).toEqual(
      city.page.map((p) => (p.inside ? p.mobile : null)),
    );
    const denied = response.errors!.map((e) => e.path![1]);
    // Denied whatever the value, null included: the answer says nothing about the row.
    expect(denied).toEqual(city.page.flatMap((p, i) => (p.inside ? [] : [i])));
  });

  it('costs the same statements for 20 and for 200 persons, however many fields are denied', async () => {
    const cost = async (limit: number) => {
      const before = federation.statements();
      const response = await federation.query(
        'query ($limit: Int!) { persons(limit: $limit) { id name mobile maritalStatus } }',
        { limit },
        await registrar(),
      );
      expect(response.errors?.length).toBeGreaterThan(0);
      return federation.statements() - before;
    };
    const twenty = await cost(20);
    expect(await cost(200)).toBe(twenty);
    expect(twenty).toBeLessThanOrEqual(2);
  });

  it('the access record names a person only for fields actually released', async () => {
    const denied = await federation.query(
      'query ($id: ID!) { person(id: $id) { address mobile } }',
      { id: city.outsider.id },
      await registrar(),
    );
    expect(denied.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    const released = await federation.query(
      'query ($id: ID!) { person(id: $id) { name idNumber } }',
      { id: city.outsider.id },
      await registrar(),
    );
    expect(released.errors).toBeUndefined();
    const records = await recordsOf(federation.streamId);
    const [deniedRecord, releasedRecord] = records.slice(-2);
    expect(deniedRecord!.subjects).not.toContain(city.outsider.id);
    expect(releasedRecord!.subjects).toContain(city.outsider.id);
  });
});
