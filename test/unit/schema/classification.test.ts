import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql';
import { loadManifest, loadSubgraphSdl } from '../../../schema';

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
