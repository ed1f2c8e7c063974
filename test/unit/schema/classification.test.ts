import { composeServices } from '@apollo/composition';
import { readFileSync } from 'node:fs';
import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql';
import { createPolicyEngine } from '../../../policies';
import {
  SUPERGRAPH_PATH,
  classificationFromSupergraph,
  loadManifest,
  loadSubgraphSdl,
} from '../../../schema';
import { grant, official, policySet } from '../policies/support/builders';

type ObjectNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode;

function fieldsOf(sdlPath: string): { coordinate: string; field: FieldDefinitionNode }[] {
  const document = parse(loadSubgraphSdl(sdlPath));
  return document.definitions
    .filter(
      (d): d is ObjectNode =>
        d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION,
    )
    .flatMap((type) =>
      (type.fields ?? []).map((field) => ({
        coordinate: `${type.name.value}.${field.name.value}`,
        field,
      })),
    );
}

function argument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.ENUM ? value.value : undefined;
}

const LEAF_TYPES = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

function namedType(field: FieldDefinitionNode): string {
  let type = field.type;
  while (type.kind !== Kind.NAMED_TYPE) type = type.type;
  return type.name.value;
}

describe.each(loadManifest().map((entry) => [entry.name, entry.sdl]))('%s SDL', (_name, sdl) => {
  const fields = fieldsOf(sdl);

  it('labels every field with @classify (sharing class and personal-information level)', () => {
    const unlabelled = fields
      .filter(({ field }) => {
        const classify = field.directives?.find((d) => d.name.value === 'classify');
        return !classify || !argument(classify, 'sharing') || !argument(classify, 'pi');
      })
      .map((f) => f.coordinate);
    expect(unlabelled).toEqual([]);
    expect(fields.length).toBeGreaterThan(3);
  });

  it('gives every personal scalar field a masking style', () => {
    const unmasked = fields
      .filter(({ field }) => {
        const classify = field.directives!.find((d) => d.name.value === 'classify')!;
        const pi = argument(classify, 'pi');
        const mask = argument(classify, 'mask');
        return pi !== 'NONE' && LEAF_TYPES.has(namedType(field)) && mask === undefined;
      })
      .map((f) => f.coordinate)
      // Keys and district codes are shown whole when shown at all; they say so with no mask.
      .filter((c) => !/\.(id|districtCode|year|size|householdSize|kind)$/.test(c));
    expect(unmasked).toEqual([]);
  });
});

// Accounts are defined by `accounts`; `names` and `status` add fields to every account
// through @interfaceObject, so composition writes those fields on Admin and Regular with a
// bare @join__field (no graph): the planner reaches them through the interface.
const link = (imports: string) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [${imports}])`;
const accountsWithInterfaceObjects = [
  {
    name: 'accounts',
    url: 'http://127.0.0.1:1/accounts',
    typeDefs: parse(`${link('"@key", "@shareable"')}
      type Query { accounts: [Account!]! }
      interface Account @key(fields: "id") { id: ID! }
      type Admin implements Account @key(fields: "id") {
        id: ID!
        isMain: Boolean!
        isActive: Boolean! @shareable
      }
      type Regular implements Account @key(fields: "id") { id: ID! }`),
  },
  {
    name: 'names',
    url: 'http://127.0.0.1:1/names',
    typeDefs: parse(`${link('"@key", "@interfaceObject"')}
      type Account @key(fields: "id") @interfaceObject { id: ID! name: String! }`),
  },
  {
    name: 'status',
    url: 'http://127.0.0.1:1/status',
    typeDefs: parse(`${link('"@key", "@interfaceObject", "@shareable"')}
      type Account @key(fields: "id") @interfaceObject { id: ID! isActive: Boolean! @shareable }`),
  },
];

function composed(): string {
  const result = composeServices(accountsWithInterfaceObjects);
  if (!result.supergraphSdl) throw new Error(result.errors?.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

function owners(supergraph: string): Record<string, string | null> {
  const { classification } = classificationFromSupergraph(supergraph);
  return Object.fromEntries([...classification].map(([c, label]) => [c, label.owner]));
}

describe('owners in a supergraph with @interfaceObject subgraphs', () => {
  it('composes the fields the interface objects add with a bare @join__field', () => {
    expect(composed()).toMatch(/name: String! @join__field\n/);
  });

  it('gives each such field to the @interfaceObject subgraph that resolves it', () => {
    expect(owners(composed())).toEqual({
      'Query.accounts': 'accounts',
      'Admin.id': 'accounts',
      'Admin.isMain': 'accounts',
      'Admin.isActive': 'accounts', // Admin resolves it itself
      'Admin.name': 'names',
      'Regular.id': 'accounts',
      'Regular.name': 'names',
      'Regular.isActive': 'status',
    });
    expect(classificationFromSupergraph(composed()).unowned).toEqual([]);
  });

  it("lets each owner's grant open its fields", () => {
    const { classification } = classificationFromSupergraph(composed());
    const consumer = { department: 'client', role: 'reader' };
    const everyField = (provider: string) =>
      grant({
        id: `${provider}-everything`,
        provider,
        consumer,
        purposes: ['testing'],
        fields: { Query: { '*': 'full' }, Admin: { '*': 'full' }, Regular: { '*': 'full' } },
      });
    const engine = createPolicyEngine(
      policySet(['accounts', 'names', 'status'].map(everyField), ['testing']),
      classification,
    );
    const ability = engine.abilityFor(official('client', 'reader'), 'testing');
    expect(
      ['Admin.name', 'Regular.name', 'Regular.isActive'].map((c) => {
        const [type, field] = c.split('.') as [string, string];
        return [c, ability.decide(type, field).grantId];
      }),
    ).toEqual([
      ['Admin.name', 'names-everything'],
      ['Regular.name', 'names-everything'],
      ['Regular.isActive', 'status-everything'],
    ]);
  });

  it('leaves a field without an owner when no interface object resolves it, and denies it', () => {
    // The same supergraph with `names` no longer marked as an interface object of Account:
    // nothing says who resolves Admin.name and Regular.name.
    const broken = composed().replace(
      /@join__type\(graph: NAMES, key: "id", isInterfaceObject: true\)/,
      '@join__type(graph: NAMES, key: "id")',
    );
    const { classification, unowned } = classificationFromSupergraph(broken);
    expect(unowned).toEqual(['Admin.name', 'Regular.name']);
    expect(classification.get('Admin.name')?.owner).toBeNull();
    const engine = createPolicyEngine(
      policySet(
        [
          grant({
            id: 'names-everything',
            provider: 'names',
            consumer: { department: 'client', role: 'reader' },
            purposes: ['testing'],
            fields: { Admin: { '*': 'full', name: 'full' } },
          }),
        ],
        ['testing'],
      ),
      classification,
    );
    expect(engine.abilityFor(official('client', 'reader'), 'testing').decide('Admin', 'name'))
      .toMatchInlineSnapshot(`
     {
       "coordinate": "Admin.name",
       "effect": "deny",
       "grantId": null,
       "openedBy": [],
       "reason": "Admin.name has no owner: the supergraph names no subgraph that resolves it, so no grant can open it and it is denied to everyone; check the field's @join__field directives and recompose the supergraph.",
     }
    `);
  });
});

describe('owners of fields another subgraph marks @external', () => {
  it('are the subgraphs that resolve them, not the one that only requires them', () => {
    const result = composeServices([
      {
        name: 'products',
        url: 'http://127.0.0.1:1/products',
        typeDefs: parse(`${link('"@key"')}
          type Query { products: [Product!]! }
          type Product @key(fields: "id") { id: ID! price: Int! weight: Int! }`),
      },
      {
        name: 'inventory',
        url: 'http://127.0.0.1:1/inventory',
        typeDefs: parse(`${link('"@key", "@external", "@requires"')}
          type Product @key(fields: "id") {
            id: ID!
            price: Int! @external
            weight: Int! @external
            shippingEstimate: Int! @requires(fields: "price weight")
          }`),
      },
    ]);
    expect(result.supergraphSdl).toMatch(/@join__field\(graph: INVENTORY, external: true\)/);
    expect(owners(result.supergraphSdl!)).toEqual({
      'Query.products': 'products',
      'Product.id': 'products',
      'Product.price': 'products',
      'Product.weight': 'products',
      'Product.shippingEstimate': 'inventory',
    });
  });
});

describe('the committed supergraph', () => {
  it('names an owner for every field', () => {
    expect(classificationFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8')).unowned).toEqual([]);
  });
});
