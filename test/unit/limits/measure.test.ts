import { buildSchema, parse } from 'graphql';
import { measureDocument } from '../../../gateway/limits';

const schema = buildSchema(`
  type Person { name: String! spouse: Person parents: [Person!]! }
  type Query { person(id: ID!): Person persons: [Person!]! }
`);
const measure = (source: string) => measureDocument(schema, parse(source));

/** `levels` fragments, each spreading the one below twice under two aliases. */
function aliasBomb(levels: number): string {
  const fragments = Array.from(
    { length: levels },
    (_, i) => `fragment F${i + 1} on Person { a: spouse { ...F${i} } b: spouse { ...F${i} } }`,
  );
  return `{ persons { ...F${levels} } } fragment F0 on Person { name } ${fragments.join(' ')}`;
}

describe('measuring an operation before it is validated', () => {
  it('counts depth by fields, not by the fragments they are written in', () => {
    expect(measure('{ persons { ...P } } fragment P on Person { spouse { name } }').depth).toBe(3);
  });

  it('counts aliases, root fields and directives with fragments expanded', () => {
    const m = measure(
      '{ ...R ...R x: person(id: 1) { name @include(if: true) } } fragment R on Query { p: persons { name } }',
    );
    expect(m).toMatchObject({ aliases: 3, rootFields: 3, directives: 1 });
  });

  it('counts distinct fields once however often they are selected', () => {
    expect(measure('{ a: persons { name } b: persons { name spouse { name } } }').height).toBe(3);
  });

  it('measures an 18-level fragment bomb by its expanded size, walking each fragment once', () => {
    const m = measure(aliasBomb(18));
    expect(m).toEqual({
      depth: 20,
      aliases: 2 ** 19 - 2,
      directives: 0,
      rootFields: 1,
      height: 3,
      expandedFields: 2 ** 19 + 2 ** 18 - 1,
    });
  });

  it('counts a cyclic spread as nothing, for validation to refuse', () => {
    expect(measure('{ persons { ...A } } fragment A on Person { spouse { ...A } }')).toMatchObject({
      expandedFields: 2,
    });
  });
});
