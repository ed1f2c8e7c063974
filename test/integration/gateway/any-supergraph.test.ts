import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse } from 'graphql';
import { composeGateway, createLogger, listen, type ListeningGateway } from '../../../gateway';
import { parsePolicies } from '../../../policies';
import type { RecordsStore } from '../../../records/store';
import { testRecords } from '../../support/records';
import { as, testSecurity } from '../../support/security';

// Two subgraphs that have nothing to do with government: the gateway must serve them as well.
const books = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Query { books: [Book!]! }
  type Book @key(fields: "isbn") { isbn: ID! title: String! }
`);
const reviews = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Book @key(fields: "isbn") { isbn: ID! stars: Int! }
`);

// The books department opens its graph to its readers; unlabelled fields are closed otherwise.
const policies = parsePolicies(
  {
    file: 'purposes.yaml',
    text: 'purposes:\n  - { code: reading, name: { zh: 阅读, en: Reading }, legalBasis: none }\n',
  },
  [
    {
      file: 'grants/books.yaml',
      text: `grants:
  - id: books-readers
    consumer: { department: books, role: reader }
    purposes: [reading]
    fields:
      Query: { books: full }
      Book: { '*': full }
`,
    },
    {
      file: 'grants/reviews.yaml',
      text: `grants:
  - id: reviews-readers
    consumer: { department: books, role: reader }
    purposes: [reading]
    fields:
      Book: { stars: full }
`,
    },
  ],
);
const reader = { sub: 'reader-1', kind: 'official' as const, dept: 'books', role: 'reader' };

const servers: ApolloServer[] = [];
let http: ListeningGateway;
let stopGateway: () => Promise<void>;
let records: RecordsStore;

async function serve(
  typeDefs: ReturnType<typeof parse>,
  resolvers: GraphQLResolverMap<unknown>,
): Promise<string> {
  const server = new ApolloServer({ schema: buildSubgraphSchema({ typeDefs, resolvers }) });
  servers.push(server);
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return url;
}

beforeAll(async () => {
  const booksUrl = await serve(books, {
    Query: { books: () => [{ isbn: '978-7-02', title: '红楼梦' }] },
  });
  const reviewsUrl = await serve(reviews, {
    Book: { __resolveReference: (ref: { isbn: string }) => ({ isbn: ref.isbn, stars: 5 }) },
  });
  const composed = composeServices([
    { name: 'books', url: booksUrl, typeDefs: books },
    { name: 'reviews', url: reviewsUrl, typeDefs: reviews },
  ]);
  if (composed.errors) throw composed.errors[0];
  const gateway = await composeGateway({
    supergraphSdl: composed.supergraphSdl,
    security: await testSecurity(composed.supergraphSdl, { policies }),
    records: { writer: (records = await testRecords()).writer, nonPersonalOnOutage: 'serve' },
    logger: createLogger('silent'),
  });
  stopGateway = gateway.stop;
  http = await listen(gateway, {
    port: 0,
    host: '127.0.0.1',
    maxBodyBytes: 1000,
    readinessTimeoutMs: 1000,
    logger: createLogger('silent'),
  });
});

afterAll(async () => {
  await http.close();
  await stopGateway();
  await records.close();
  await Promise.all(servers.map((s) => s.stop()));
});

const post = async (body: string) =>
  fetch(`${http.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await as(reader, 'reading')) },
    body,
  });

describe('the gateway over any Federation 2 supergraph', () => {
  it('plans across subgraphs it knows only from the supergraph', async () => {
    const response = await post(JSON.stringify({ query: '{ books { title stars } }' }));
    expect(await response.json()).toEqual({ data: { books: [{ title: '红楼梦', stars: 5 }] } });
  });

  it('reports readiness per subgraph, and health regardless', async () => {
    const ready = await fetch(`${http.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      records: 'up',
      recordStore: { status: 'up', checkedAt: expect.any(String), latencyMs: expect.any(Number) },
      subgraphs: { books: 'up', reviews: 'up' },
      policy: { source: 'files', revision: 0, failClosed: false, rejected: null, degraded: false },
      supergraph: { generation: 1, warmed: 0, rejected: null, degraded: false },
    });
    expect((await fetch(`${http.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${http.url}/livez`)).status).toBe(200);
  });

  it('answers a body that is not JSON with 400 naming the problem', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: object }[] };
    expect(body.errors[0]!.message).toMatch(/^The request body is not valid JSON/);
    expect(body.errors[0]!.extensions).toEqual({
      code: 'BAD_REQUEST',
      requestId: response.headers.get('x-request-id'),
    });
  });

  it('answers a body over the limit with 413 and the limit', async () => {
    const response = await post(
      JSON.stringify({ query: `{ books { title } } #${'x'.repeat(2000)}` }),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe(
      'The request body is larger than the 1000 bytes allowed (MAX_BODY_BYTES).',
    );
  });

  it('names unknown routes', async () => {
    const response = await fetch(`${http.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: 'No route for GET /nowhere. GraphQL is served at /graphql.',
    });
  });

  it('refuses URL overrides for subgraphs the supergraph does not have', async () => {
    const composed = composeServices([
      { name: 'books', url: 'http://127.0.0.1:1/graphql', typeDefs: books },
    ]);
    await expect(
      composeGateway({
        supergraphSdl: composed.supergraphSdl!,
        security: await testSecurity(composed.supergraphSdl!, { policies }),
        records: { writer: records.writer, nonPersonalOnOutage: 'serve' },
        subgraphUrls: { tax: 'http://127.0.0.1:2/graphql' },
        logger: createLogger('silent'),
      }),
    ).rejects.toThrow(
      'Subgraph URL overrides name tax, which the supergraph does not have (it has books).',
    );
  });

  it('says which subgraph is down, in /readyz and in the error, without internals', async () => {
    await servers[1]!.stop();
    const ready = await fetch(`${http.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      ready: false,
      records: 'up',
      recordStore: { status: 'up', checkedAt: expect.any(String), latencyMs: expect.any(Number) },
      subgraphs: { books: 'up', reviews: 'down' },
      policy: { source: 'files', revision: 0, failClosed: false, rejected: null, degraded: false },
      supergraph: { generation: 1, warmed: 0, rejected: null, degraded: false },
    });
    const response = await post(JSON.stringify({ query: '{ books { title stars } }' }));
    const body = (await response.json()) as { errors: { message: string; extensions: object }[] };
    expect(body.errors[0]).toMatchObject({
      message: 'The reviews subgraph did not answer; try again later.',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
    });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });
});
