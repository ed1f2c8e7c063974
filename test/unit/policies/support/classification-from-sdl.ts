import { Kind, parse, type ConstDirectiveNode } from 'graphql';
import type { Classification, FieldLabel } from '../../../../policies';
import { loadManifest } from '../../../../schema/load-manifest';
import { loadSubgraphSdl } from '../../../../schema/sdl';

type Label = Omit<FieldLabel, 'owner'>;

/**
 * The classification of the department SDLs in schema/*.graphql, built the way the gateway
 * reads the supergraph: a field one subgraph resolves is owned by it; a field several resolve
 * (an entity key) by the type's home, the subgraph that resolves most of its fields.
 */
export function classificationFromSdl(): Classification {
  const labels = new Map<string, Label>();
  const owners = new Map<string, string[]>();
  for (const { name, sdl } of loadManifest()) {
    for (const definition of parse(loadSubgraphSdl(sdl)).definitions) {
      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.OBJECT_TYPE_EXTENSION
      ) {
        continue;
      }
      for (const field of definition.fields ?? []) {
        const coordinate = `${definition.name.value}.${field.name.value}`;
        const classify = field.directives?.find((d) => d.name.value === 'classify');
        if (!classify) continue;
        labels.set(coordinate, {
          sharing: enumArgument(classify, 'sharing') as FieldLabel['sharing'],
          pi: enumArgument(classify, 'pi') as FieldLabel['pi'],
          mask: (enumArgument(classify, 'mask') ?? 'NONE') as FieldLabel['mask'],
        });
        owners.set(coordinate, [...(owners.get(coordinate) ?? []), name]);
      }
    }
  }
  const classification = new Map<string, FieldLabel>();
  for (const [coordinate, label] of labels) {
    const subgraphs = owners.get(coordinate)!;
    const owner = subgraphs.length === 1 ? subgraphs[0]! : home(coordinate.split('.')[0]!, owners);
    classification.set(coordinate, { ...label, owner });
  }
  return classification;
}

function home(type: string, owners: Map<string, string[]>): string {
  const counts = new Map<string, number>();
  for (const [coordinate, subgraphs] of owners) {
    if (coordinate.startsWith(`${type}.`) && subgraphs.length === 1) {
      counts.set(subgraphs[0]!, (counts.get(subgraphs[0]!) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

function enumArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.ENUM ? value.value : undefined;
}
