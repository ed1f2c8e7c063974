import { readFileSync } from 'node:fs';
import {
  buildClientSchema,
  getIntrospectionQuery,
  isInterfaceType,
  isObjectType,
  type IntrospectionQuery,
} from 'graphql';
import {
  consumerFromClaims,
  demoClaims,
  DEMO_CONSUMERS,
  type DemoConsumerName,
} from '../../../gateway/identity';
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
const engine = createPolicyEngine(
  loadPolicies(),
  classificationFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8')).classification,
);
const caseworker = () => as('caseworker', 'social-assistance-eligibility');
// Names the caseworker's grants do not open (health's medical records, public security's mobile).
const HIDDEN = ['medicalRecords', 'MedicalRecord', 'diagnosis', 'mobile', 'vaccinations'];

function leaks(body: unknown): string[] {
  const text = JSON.stringify(body);
  return HIDDEN.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
}

describe("each consumer's own graph", () => {
  const consumers = Object.keys(DEMO_CONSUMERS) as DemoConsumerName[];

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
