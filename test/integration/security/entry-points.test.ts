import { readFileSync } from 'node:fs';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { classificationFromSupergraph, SUPERGRAPH_PATH } from '../../../schema';
import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';
import type { EnforcementMode } from '../../../gateway/authorization/plugin';

// Every entry point of every department (each Query and Mutation field of the composed graph),
// asked by an official whose department holds no grant for the purpose it states: refused in
// reject mode, null with FORBIDDEN in filter mode, and in both no department is called.
const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
const api = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
const { classification } = classificationFromSupergraph(sdl);
const open = (type: string, field: string) =>
  classification.get(`${type}.${field}`)?.sharing === 'UNCONDITIONAL';
const stranger = () =>
  as({ sub: 'stranger-1', kind: 'official', dept: 'tax', role: 'clerk' }, 'audit');

// Well-formed identifiers by argument name, so the entry point is reached, not refused as input.
const EXAMPLES: Record<string, string> = {
  'enterprise.uscc': '"91510107MA5B0A7H79"',
  'serviceItem.code': '"510100-007-XK-0001"',
  'department.code': '"91510107MA5B0A7H79"',
};

function literal(type: GraphQLInputType, name = ''): string {
  if (EXAMPLES[name]) return EXAMPLES[name];
  const named = getNullableType(type);
  if (isListType(named)) return `[${literal(named.ofType)}]`;
  if (isEnumType(named)) return named.getValues()[0]!.name;
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(named) && (named.name === 'Int' || named.name === 'Float')) return '1';
  if (isScalarType(named) && named.name === 'Boolean') return 'true';
  return '"PFB9YBZ34"';
}

// A selection reaching at least one field that is not open to every consumer.
function selection(type: GraphQLObjectType, depth = 0): string {
  const fields = Object.values(type.getFields());
  const leaf = fields.find(
    (f) => isLeafType(getNamedType(f.type)) && f.args.length === 0 && !open(type.name, f.name),
  );
  if (leaf) return `{ ${leaf.name} }`;
  const object = fields.find((f) => isObjectType(getNamedType(f.type)) && !open(type.name, f.name));
  if (object && depth < 3)
    return `{ ${object.name} ${selection(getNamedType(object.type) as GraphQLObjectType, depth + 1)} }`;
  return '{ __typename }';
}

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a) => isNonNullType(a.type));
  const argList = args.length
    ? `(${args.map((a) => `${a.name}: ${literal(a.type, `${field.name}.${a.name}`)}`).join(', ')})`
    : '';
  const type = getNamedType(field.type);
  const sub = isObjectType(type) ? ` ${selection(type)}` : '';
  return `${kind} { ${field.name}${argList}${sub} }`;
}

const entryPoints = (['query', 'mutation'] as const).flatMap((kind) => {
  const root = kind === 'query' ? api.getQueryType() : api.getMutationType();
  return Object.values(root?.getFields() ?? {})
    .map(
      (field) =>
        [
          `${kind} ${field.name}`,
          operation(kind, field),
          field.name,
          open(root!.name, field.name),
        ] as const,
    )
    .filter(([, query]) => !query.includes('__typename'));
});
// Root fields whose every field is open to any consumer (the department list, the catalogue).
const openToAll = (['query', 'mutation'] as const).flatMap((kind) =>
  Object.values((kind === 'query' ? api.getQueryType() : api.getMutationType())?.getFields() ?? {})
    .filter((field) => operation(kind, field).includes('__typename'))
    .map((field) => field.name),
);

describe.each<EnforcementMode>(['reject', 'filter'])('%s mode', (mode) => {
  let federation: Federation;
  beforeAll(async () => {
    federation = await startFederation({ mode });
  });
  afterAll(() => federation.stop());

  it('covers every root field of the graph', () => {
    expect(entryPoints.length).toBeGreaterThanOrEqual(25);
    expect(openToAll).toEqual(['dataResources']);
  });

  it.each(entryPoints)('%s: nothing without a grant', async (_name, query, field, rootOpen) => {
    const before = federation.statements();
    const response = await federation.query(query, {}, await stranger());
    // Filter mode runs what is open to everyone (an UNCONDITIONAL root) without the rest.
    if (mode === 'reject' || !rootOpen) expect(federation.statements()).toBe(before);
    const forbidden = (response.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN');
    expect(forbidden.length).toBeGreaterThan(0);
    if (mode === 'reject') {
      expect(response.status).toBe(403);
      expect(response.data ?? null).toBeNull();
    } else {
      expect(response.status).toBe(200);
      expect(forbidden.map((e) => e.path?.[0])).toContain(field);
      const data = response.data as Record<string, unknown> | null;
      if (!rootOpen) expect(data?.[field] ?? null).toBeNull();
    }
  });
});
