import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';

// The deployed image runs with NODE_ENV=production (deploy/Dockerfile), where Apollo Server's
// defaults change: introspection off, among others. The gateway must behave the same there.
let federation: Federation;
const previous = process.env.NODE_ENV;
beforeAll(async () => {
  process.env.NODE_ENV = 'production';
  federation = await startFederation();
});
afterAll(async () => {
  await federation.stop();
  process.env.NODE_ENV = previous;
});

describe('the gateway under NODE_ENV=production', () => {
  it("answers a consumer's introspection with the graph its grants open", async () => {
    const headers = await as('caseworker', 'social-assistance-eligibility');
    const response = await federation.query<IntrospectionQuery>(
      getIntrospectionQuery(),
      {},
      headers,
    );
    expect(response.errors).toBeUndefined();
    const schema = buildClientSchema(response.data!);
    expect(schema.getQueryType()?.getFields().person).toBeDefined();
    expect(schema.getType('MedicalRecord')).toBeUndefined();
  });

  it('answers the data its grants open', async () => {
    const headers = await as('caseworker', 'social-assistance-eligibility');
    const response = await federation.query<any>(
      '{ person(id: "PFB9YBZ34") { name } }',
      {},
      headers,
    );
    expect(response.errors).toBeUndefined();
    expect(typeof response.data.person.name).toBe('string');
  });
});
