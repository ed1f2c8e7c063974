import pg from 'pg';
import { testDatabaseUrl } from '../../support/database';
import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';

// Whatever Apollo Server or the query planner would make of the request, the gateway decides
// every field of the exact operation that will run, or refuses with a 400 before any
// department is called. The mutation below is not granted to a developer.
let federation: Federation;
let db: pg.Client;
beforeAll(async () => {
  federation = await startFederation();
  db = new pg.Client({ connectionString: testDatabaseUrl() });
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await federation.stop();
});

const PERSON = 'PFB9YBZ34';
const RAISE = `mutation Raise { raiseObjection(input: { entityType: "Person", entityKey: "${PERSON}",
  coordinate: "Person.name", reason: "The name on the register is misspelt.", proposedValue: "x" }) { id } }`;
const RAISE_ANONYMOUS = RAISE.replace('mutation Raise', 'mutation');
const READ = 'query Read { purposes { code } }';
const developer = () => as('developer', 'service-development');
const objections = async () =>
  Number((await db.query('SELECT count(*) AS n FROM data_bureau.objection')).rows[0].n);

const attacks: [string, Record<string, unknown>, number, string][] = [
  [
    'an empty operationName on an ungranted anonymous mutation',
    { query: RAISE_ANONYMOUS, operationName: '' },
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'an empty operationName on an ungranted named mutation',
    { query: RAISE, operationName: '' },
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'an operationName that matches no operation',
    { query: RAISE, operationName: 'Nope' },
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'an operationName naming the granted query beside the mutation',
    { query: `${READ} ${RAISE}`, operationName: 'Raise' },
    403,
    'FORBIDDEN',
  ],
  [
    'no operationName for a document of two operations',
    { query: `${READ} ${RAISE}` },
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'a null operationName for a document of two operations',
    { query: `${READ} ${RAISE}`, operationName: null },
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'two anonymous operations',
    { query: `{ purposes { code } } ${RAISE_ANONYMOUS}` },
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'two operations of one name',
    { query: `query Raise { purposes { code } } ${RAISE}`, operationName: 'Raise' },
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a document of fragments only',
    { query: 'fragment F on Query { purposes { code } }' },
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a subscription',
    { query: 'subscription { purposes { code } }' },
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  ['an operationName that is a number', { query: RAISE, operationName: 0 }, 400, 'BAD_REQUEST'],
  [
    'an operationName that is an object',
    { query: RAISE, operationName: { toString: 'Raise' } },
    400,
    'BAD_REQUEST',
  ],
  [
    'an operationName with a trailing space',
    { query: RAISE, operationName: 'Raise ' },
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'an operationName in another case',
    { query: RAISE, operationName: 'raise' },
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
];

describe('no operation runs undecided', () => {
  it.each(attacks)(
    '%s: refused before any department is called, nothing changed',
    async (_how, body, status, code) => {
      const [statements, before] = [federation.statements(), await objections()];
      const response = await federation.post(body, await developer());
      expect(response.status).toBe(status);
      expect(response.errors?.[0]?.extensions?.code).toBe(code);
      expect(response.data ?? null).toBeNull();
      expect(federation.statements()).toBe(statements);
      expect(await objections()).toBe(before);
    },
  );

  it('the granted operation of the same document still runs when it is named', async () => {
    const response = await federation.post<{ purposes: { code: string }[] }>(
      { query: `${READ} ${RAISE}`, operationName: 'Read' },
      await developer(),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.purposes.map((p) => p.code)).toContain('service-development');
  });

  it('a field the walk cannot resolve is never skipped: the whole operation is refused', async () => {
    // Validation catches it first today; the walk would deny it all the same.
    const response = await federation.query(`{ purposes { code nosuch } }`, {}, await developer());
    expect(response.status).toBe(400);
    expect(JSON.stringify(response)).not.toMatch(/Did you mean/);
  });
});
