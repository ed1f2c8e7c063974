import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { selectedFields } from '../../../gateway/authorization/operation';

const schema = buildSchema(`
  interface Media { title: String! }
  type Book implements Media { title: String! isbn: String! }
  type Film implements Media { title: String! director: String! }
  union Found = Book | Film
  type Query { media: [Media!]! search: [Found!]! }
`);

function fields(source: string) {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  return selectedFields(schema, document, operation);
}

describe('the fields an operation reads', () => {
  it('decides a field selected on an interface for every type implementing it', () => {
    expect(fields('{ media { title } }').fields).toEqual([
      { coordinates: ['Query.media'], path: ['media'] },
      { coordinates: ['Book.title', 'Film.title'], path: ['media', 'title'] },
    ]);
  });

  it('follows inline fragments on an interface and on a union to the concrete type', () => {
    const { fields: read } = fields(
      '{ media { ... on Film { d: director } } search { ... on Book { isbn } ...F } } fragment F on Media { title }',
    );
    expect(read.map((f) => [f.path.join('.'), f.coordinates])).toEqual([
      ['media', ['Query.media']],
      ['media.d', ['Film.director']],
      ['search', ['Query.search']],
      ['search.isbn', ['Book.isbn']],
      ['search.title', ['Book.title', 'Film.title']],
    ]);
  });

  it('notices introspection wherever it is asked', () => {
    expect(fields('{ media { title } __schema { types { name } } }').introspection).toBe(true);
    expect(
      fields('query { ...Q } fragment Q on Query { __type(name: "Book") { name } }').introspection,
    ).toBe(true);
    expect(fields('{ media { __typename } }').introspection).toBe(false);
  });

  it('walks each fragment once: an 18-level fragment bomb lists its few distinct paths', () => {
    const bomb = Array.from(
      { length: 18 },
      (_, i) => `fragment F${i + 1} on Book { ...F${i} ...F${i} }`,
    ).join(' ');
    const read = fields(
      `{ media { ... on Book { ...F18 } } } fragment F0 on Book { title isbn } ${bomb}`,
    );
    expect(read.fields.map((f) => f.path.join('.'))).toEqual([
      'media',
      'media.title',
      'media.isbn',
    ]);
  });

  it('keeps response paths per spread when one fragment is spread under two aliases', () => {
    const read = fields('{ a: media { ...T } b: media { ...T } } fragment T on Media { t: title }');
    expect(read.fields.map((f) => f.path.join('.'))).toEqual(['a', 'a.t', 'b', 'b.t']);
  });

  it('denies a cyclic spread instead of following it', () => {
    const read = fields(
      '{ media { ...A } } fragment A on Media { ...B } fragment B on Media { ...A }',
    );
    expect(read.undecidable).toEqual([{ path: ['media'], selection: '...A' }]);
  });
});
