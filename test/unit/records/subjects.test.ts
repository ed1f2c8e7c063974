import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { takeSubjects } from '../../../gateway/subjects';
import type { GatewayContext } from '../../../gateway/context';
import { createLogger } from '../../../gateway/logger';
import { noteSubjects } from '../../../subgraphs/kit/subjects';

const SDL = parse(`
  directive @classify(sharing: String, pi: Pi, mask: String) on FIELD_DEFINITION
  enum Pi { NONE PERSONAL SENSITIVE }
  type Query { accounts: [Account!]! @classify(pi: NONE) }
  type Account {
    number: String! @classify(pi: NONE)
    holder: String! @classify(pi: PERSONAL)
  }
`);
const resolvers = {
  Query: {
    accounts: () => [
      { number: 'A1', holderId: 'P1', holder: '张三' },
      { number: 'A2', holderId: 'P2', holder: '李四' },
    ],
  },
};

describe('a department notes the persons whose personal fields it resolved', () => {
  it('notes them only when a personal field is asked for', async () => {
    const schema = noteSubjects(
      buildSubgraphSchema({ typeDefs: SDL, resolvers }),
      {
        Account: (row) => row.holderId as string,
      },
      'test',
    );
    const numbers = { subjects: new Set<string>() };
    await graphql({ schema, source: '{ accounts { number } }', contextValue: numbers });
    expect([...numbers.subjects]).toEqual([]);
    const holders = { subjects: new Set<string>() };
    const result = await graphql({
      schema,
      source: '{ accounts { holder } }',
      contextValue: holders,
    });
    expect(result.errors).toBeUndefined();
    expect([...holders.subjects]).toEqual(['P1', 'P2']);
  });

  it('refuses to serve a type with personal fields that does not say whose they are', () => {
    expect(() =>
      noteSubjects(buildSubgraphSchema({ typeDefs: SDL, resolvers }), {}, 'test'),
    ).toThrow(
      /test department serves personal fields without saying whose they are: Account \(holder\)/,
    );
  });
});

describe('the gateway takes the subjects out of a subgraph response', () => {
  const context = () => ({ requestId: 'r-1', subjects: new Set<string>() }) as GatewayContext;
  const logger = createLogger('silent');

  it('moves them into the context and removes them from the response', () => {
    const ctx = context();
    const response = { data: {}, extensions: { subjects: ['P1', 'P2'], other: 1 } };
    takeSubjects(response, ctx, 'tax', logger);
    expect([...ctx.subjects]).toEqual(['P1', 'P2']);
    expect(response.extensions).toEqual({ other: 1 });
  });

  it.each([
    ['not a list', 'P1'],
    ['not strings', [1, 2]],
    ['ids that are not pseudonymous ids', ['510107199001011234 张三']],
  ])('fails the call when the report is malformed (%s)', (_case, subjects) => {
    const ctx = context();
    expect(() => takeSubjects({ extensions: { subjects } }, ctx, 'tax', logger)).toThrow(
      /tax subgraph reported the persons it disclosed in a malformed way; its data is withheld/,
    );
    expect(ctx.subjects.size).toBe(0);
  });
});
