import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { readCostDirectives } from '../../../gateway/cost/directives';
import { actualCost } from '../../../gateway/cost/actual';
import { estimateCost, SlicingArgumentError } from '../../../gateway/cost/estimate';

// The examples of the IBM GraphQL Cost Directives specification (§ @cost, § @listSize),
// read as Apollo Router and Hive Gateway read them: objects 1, leaves 0, mutations 10.
const SDL = `
  directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
  directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
  type Query {
    topProducts: [Product] @listSize(assumedSize: 50)
    items(first: Int, last: Int): [Item] @listSize(slicingArguments: ["first", "last"])
    cursor(first: Int!): Cursor @listSize(slicingArguments: ["first"], sizedFields: ["page"])
    page(limit: Int = 20): [Item!]! @listSize(slicingArguments: ["limit"], requireOneSlicingArgument: false)
    search(text: String @cost(weight: 3)): [Result!]! @listSize(assumedSize: 10)
    unsized: [Item!]!
  }
  type Mutation { addItem(name: String!): Item! }
  type Product { name: String price: Money reviews: [Review!]! @listSize(assumedSize: 10) weighed: Int @cost(weight: 5) }
  type Review { body: String }
  type Item { id: ID! }
  type Cursor { page: [Item!] nextPageToken: String }
  type Money @cost(weight: 2) { amount: Int }
  type Book { title: String isbn: String }
  type Film { title: String director: Person }
  type Person { name: String }
  union Result = Book | Film
`;
const schema = buildSchema(SDL);
const directives = readCostDirectives(SDL);

function cost(source: string, variables: Record<string, unknown> = {}) {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  return estimateCost(schema, directives, document, operation, variables, {
    defaultListSize: 100,
    mutationWeight: 10,
  });
}

describe('static cost after the IBM cost specification', () => {
  it('multiplies a list by its assumed size: 50 products of weight 1', () => {
    expect(cost('{ topProducts { name } }')).toBe(50);
  });

  it('weighs a field by its own @cost, else by its type’s @cost', () => {
    // 50 × (product 1 + weighed 5 + price: Money 2)
    expect(cost('{ topProducts { weighed price { amount } } }')).toBe(400);
  });

  it('multiplies nested lists: 50 products × (1 + 10 reviews)', () => {
    expect(cost('{ topProducts { reviews { body } } }')).toBe(550);
  });

  it('sizes a list by its slicing argument, a literal or a variable', () => {
    expect(cost('{ items(first: 10) { id } }')).toBe(10);
    expect(cost('query($n: Int) { items(last: $n) { id } }', { n: 7 })).toBe(7);
  });

  it('refuses two slicing arguments, or none, when exactly one is required', () => {
    expect(() => cost('{ items(first: 10, last: 5) { id } }')).toThrow(SlicingArgumentError);
    expect(() => cost('{ items { id } }')).toThrow(SlicingArgumentError);
  });

  it('takes the slicing argument’s default when it is optional and left out', () => {
    expect(cost('{ page { id } }')).toBe(20);
    expect(cost('{ page(limit: 5000) { id } }')).toBe(5000);
  });

  it('carries a slicing argument to the sized fields of a cursor: 1 + 10 items', () => {
    expect(cost('{ cursor(first: 10) { page { id } nextPageToken } }')).toBe(11);
  });

  it('adds the weight of the arguments given', () => {
    expect(cost('{ search(text: "x") { ... on Book { title } } }')).toBe(3 + 10);
  });

  it('counts the dearest branch of a union, not every branch', () => {
    // 10 × (1 + max(Book 0, Film: director 1))
    expect(cost('{ search { ... on Book { title } ... on Film { director { name } } } }')).toBe(20);
  });

  it('weighs a mutation’s root field 10', () => {
    expect(cost('mutation { addItem(name: "x") { id } }')).toBe(10);
  });

  it('sizes a list without @listSize with the default size', () => {
    expect(cost('{ unsized { id } }')).toBe(100);
  });

  it('counts fragments as if written out, walking each once', () => {
    const bomb = Array.from(
      { length: 18 },
      (_, i) => `fragment F${i + 1} on Product { ...F${i} ...F${i} }`,
    ).join(' ');
    expect(
      cost(`{ topProducts { ...F18 } } fragment F0 on Product { price { amount } } ${bomb}`),
    ).toBe(50 * (1 + 2 ** 18 * 2));
  });
});

describe('actual cost of a response', () => {
  it('weighs what came back, each list by its real length', () => {
    const source = '{ topProducts { name price { amount } reviews { body } } }';
    const document = parse(source);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const data = {
      topProducts: [
        { name: 'a', price: { amount: 1 }, reviews: [{ body: 'x' }, { body: 'y' }, { body: 'z' }] },
        { name: 'b', price: null, reviews: [] },
      ],
    };
    // 2 products + 1 price (weight 2) + 3 reviews
    expect(
      actualCost(schema, directives, document, operation, data, {
        defaultListSize: 100,
        mutationWeight: 10,
      }),
    ).toBe(2 + 2 + 3);
  });
});
