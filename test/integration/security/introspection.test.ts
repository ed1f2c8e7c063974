import { readFileSync } from 'node:fs';
import {
  buildClientSchema,
  getIntrospectionQuery,
  isInterfaceType,
  isObjectType,
  validateSchema,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import {
  consumerFromClaims,
  demoClaims,
  DEMO_CONSUMERS,
  type DemoConsumerName,
} from '../../../gateway/identity';
import { DEVELOPER_ROLE } from '../../../gateway/authorization/visible-schema';
import { createPolicyEngine, loadPolicies } from '../../../policies';
import { classificationFromSupergraph, SUPERGRAPH_PATH } from '../../../schema';
import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';

// Introspection shows each consumer its own graph and nothing else, decided on the schema and
// not on the shape of the introspection query; validation errors name nothing else either.
let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation.stop());

const PERSON = 'PFB9YBZ34';
const { classification } = classificationFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const engine = createPolicyEngine(loadPolicies(), classification);
const caseworker = () => as('caseworker', 'social-assistance-eligibility');
// Names the caseworker's grants do not open (health's medical records, public security's mobile).
const HIDDEN = ['medicalRecords', 'MedicalRecord', 'diagnosis', 'mobile', 'vaccinations'];

function leaks(body: unknown): string[] {
  const text = JSON.stringify(body);
  return HIDDEN.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
}

/** The consumer's own graph, as GraphiQL builds it from introspection. */
async function graphOf(name: DemoConsumerName, purpose: string = DEMO_CONSUMERS[name].purpose) {
  const headers = await as(name, purpose, name === 'citizen' ? PERSON : undefined);
  const response = await federation.query<IntrospectionQuery>(getIntrospectionQuery(), {}, headers);
  expect(response.errors).toBeUndefined();
  return buildClientSchema(response.data!);
}

function coordinates(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((t) => !t.name.startsWith('__') && (isObjectType(t) || isInterfaceType(t)))
    .flatMap((t) =>
      Object.keys((t as { getFields(): object }).getFields()).map((f) => `${t.name}.${f}`),
    );
}

describe("each consumer's own graph", () => {
  const consumers = Object.keys(DEMO_CONSUMERS).filter(
    (name) => name !== DEVELOPER_ROLE,
  ) as DemoConsumerName[];

  it.each(Object.keys(DEMO_CONSUMERS) as DemoConsumerName[])(
    '%s: GraphiQL gets a valid schema for its docs and autocompletion',
    async (name) => {
      expect(validateSchema(await graphOf(name))).toEqual([]);
    },
  );

  it.each(consumers)(
    '%s: a valid schema GraphiQL accepts, with only fields its grants open',
    async (name) => {
      const { purpose } = DEMO_CONSUMERS[name];
      const headers = await as(name, purpose, name === 'citizen' ? PERSON : undefined);
      const response = await federation.query<IntrospectionQuery>(
        getIntrospectionQuery(),
        {},
        headers,
      );
      expect(response.status).toBe(200);
      expect(response.errors).toBeUndefined();
      const schema = buildClientSchema(response.data!);
      const consumer = consumerFromClaims(
        demoClaims(name, name === 'citizen' ? PERSON : undefined),
      );
      const ability = engine.abilityFor(consumer, purpose);
      const shown: string[] = [];
      for (const type of Object.values(schema.getTypeMap())) {
        if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
        for (const field of Object.keys(type.getFields())) shown.push(`${type.name}.${field}`);
      }
      expect(shown.length).toBeGreaterThan(0);
      const denied = shown.filter((c) => {
        const [type, field] = c.split('.') as [string, string];
        const t = schema.getType(type)!;
        const objects = isInterfaceType(t) ? schema.getPossibleTypes(t) : [t];
        return objects.some((o) => ability.decide(o.name, field).effect === 'deny');
      });
      expect(denied).toEqual([]);
    },
  );

  it('the developer sees the whole graph but other departments’ NONE fields', async () => {
    const shown = new Set(coordinates(await graphOf('developer')));
    const { dept } = DEMO_CONSUMERS.developer.claims;
    const expected = [...classification]
      .filter(([, label]) => label.sharing !== 'NONE' || label.owner === dept)
      .map(([coordinate]) => coordinate)
      .filter((c) => !c.startsWith('Mutation.') && !c.includes('._'));
    const othersNone = [...classification]
      .filter(([, label]) => label.sharing === 'NONE' && label.owner !== dept)
      .map(([coordinate]) => coordinate);
    expect(othersNone.length).toBeGreaterThan(0);
    expect(othersNone.filter((c) => shown.has(c))).toEqual([]);
    expect(expected.filter((c) => !shown.has(c) && !c.startsWith('Query.'))).toEqual([]);
    expect(shown.has('Person.name')).toBe(true);
  });

  it('says what is not open to the developer under the stated purpose', async () => {
    const person = (await graphOf('developer')).getType('Person');
    const name = isObjectType(person) ? person.getFields().name : undefined;
    expect(name?.description).toMatch(/Not open to you under purpose 'service-development'/);
  });

  it('marks masked fields with their style and describes row limits', async () => {
    const person = (await graphOf('caseworker')).getType('Person');
    const fields = isObjectType(person) ? person.getFields() : {};
    expect(fields.idNumber?.description).toMatch(/Masked for you: ID_NUMBER \(e\.g\. 51\*+4\)\./);
    expect(fields.idNumber?.description).toMatch(/Rows: districtCode = 510107\./);
    expect(fields.name?.description).not.toMatch(/Masked/);
  });
});

const attacks: [string, string, Record<string, unknown>][] = [
  ['the whole schema', '{ __schema { types { name fields { name } } } }', {}],
  ['aliases everywhere', '{ s: __schema { t: types { n: name f: fields { n: name } } } }', {}],
  [
    'a fragment on Query',
    'query { ...Q } fragment Q on Query { __type(name: "Person") { fields { name } } }',
    {},
  ],
  ['an inline fragment', '{ ... on Query { __type(name: "Person") { fields { name } } } }', {}],
  ['__type on a hidden type', '{ __type(name: "MedicalRecord") { name fields { name } } }', {}],
  [
    '__type through a variable',
    'query($n: String!) { __type(name: $n) { name fields { name } } }',
    { n: 'MedicalRecord' },
  ],
  [
    'nested ofType and fields at depth',
    `{ __type(name: "Person") { fields { name type { name ofType { name fields { name }
       ofType { name fields { name } ofType { name fields { name type { name } } } } } } } } }`,
    {},
  ],
  [
    'every type by possibleTypes and interfaces',
    '{ __schema { types { possibleTypes { name fields { name } } interfaces { name fields { name } } } } }',
    {},
  ],
  [
    'deprecated fields included',
    '{ __type(name: "Person") { fields(includeDeprecated: true) { name } } }',
    {},
  ],
  [
    'the query root by its type',
    '{ __schema { queryType { fields { name type { name } } } } }',
    {},
  ],
];

describe('introspection never names what the consumer cannot read', () => {
  it.each(attacks)('%s', async (_how, query, variables) => {
    const response = await federation.query(query, variables, await caseworker());
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(leaks(response)).toEqual([]);
  });

  it('the caseworker still sees the fields her grants open', async () => {
    const response = await federation.query<{ __type: { fields: { name: string }[] } }>(
      '{ __type(name: "Person") { fields { name } } }',
      {},
      await caseworker(),
    );
    const fields = response.data!.__type.fields.map((f) => f.name);
    expect(fields).toEqual(expect.arrayContaining(['name', 'idNumber', 'maritalStatus']));
  });

  it('introspection mixed with data fields is refused before any department is called', async () => {
    const before = federation.statements();
    const response = await federation.query(
      `{ __schema { queryType { name } } person(id: "${PERSON}") { name } }`,
      {},
      await caseworker(),
    );
    expect(response.status).toBe(400);
    expect(response.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(response.data ?? null).toBeNull();
    expect(federation.statements()).toBe(before);
  });
});

const invalid: [string, string][] = [
  [
    'a misspelt hidden field ("Did you mean ...?")',
    `{ person(id: "${PERSON}") { medicalRecord { diagnosis } } }`,
  ],
  [
    'a wrong field under a hidden field (names its type)',
    `{ person(id: "${PERSON}") { medicalRecords { nosuch } } }`,
  ],
  ['a hidden object field without a selection', `{ person(id: "${PERSON}") { medicalRecords } }`],
  [
    'a fragment on a hidden type',
    `{ person(id: "${PERSON}") { ...M } } fragment M on MedicalRecord { diagnosis }`,
  ],
  ['a misspelt hidden scalar field', `{ person(id: "${PERSON}") { mobil } }`],
];

describe('validation errors are stated against the consumer’s own graph', () => {
  it.each(invalid)('%s', async (_how, query) => {
    const before = federation.statements();
    const response = await federation.query(query, {}, await caseworker());
    expect(response.status).toBe(400);
    expect(response.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const messages = response.errors!.map((e) => e.message).join('\n');
    // Only what the caller typed may be repeated; nothing else hidden is named.
    const typed = new Set(query.match(/\w+/g));
    expect(leaks(messages).filter((n) => !typed.has(n))).toEqual([]);
    expect(messages).not.toMatch(/Did you mean "(medicalRecords|mobile)"/);
    expect(federation.statements()).toBe(before);
  });

  it('suggestions within the consumer’s own graph are kept', async () => {
    const response = await federation.query(
      `{ person(id: "${PERSON}") { nam } }`,
      {},
      await caseworker(),
    );
    expect(response.errors![0]!.message).toMatch(/Did you mean "name"/);
  });
});
