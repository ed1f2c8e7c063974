import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type EnumTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import type { Classification, FieldLabel } from '../policies';

const SHARING = new Set(['UNCONDITIONAL', 'CONDITIONAL', 'NONE']);
const PI = new Set(['NONE', 'PERSONAL', 'SENSITIVE']);

/** An unlabelled field is treated as conditional, non-personal data: readable only under a grant. */
const UNLABELLED: Omit<FieldLabel, 'owner'> = { sharing: 'CONDITIONAL', pi: 'NONE', mask: 'NONE' };

/**
 * Reads every field's @classify label out of a supergraph, with the subgraph that owns it.
 * A field resolved by one subgraph is owned by it; a field several subgraphs resolve (an
 * entity key) is owned by the type's home: the subgraph that defines most of its fields.
 * Any Federation 2 supergraph works: unlabelled fields are listed, and closed unless granted.
 */
export function classificationFromSupergraph(supergraph: string | DocumentNode): {
  classification: Classification;
  unlabelled: string[];
  /** The object types each subgraph serves (the rules a department receives are for these). */
  typesBySubgraph: ReadonlyMap<string, readonly string[]>;
  /**
   * Per subgraph, the fields it resolves that another subgraph owns (entity keys such as
   * Person.id in every department that references a person): type → fields.
   */
  borrowedBySubgraph: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
} {
  const document = typeof supergraph === 'string' ? parse(supergraph) : supergraph;
  const graphs = graphNames(document);
  const labels = new Map<string, FieldLabel>();
  const unlabelled: string[] = [];
  const typesBySubgraph = new Map<string, string[]>();
  const borrowedBySubgraph = new Map<string, Map<string, string[]>>();
  for (const type of document.definitions) {
    if (type.kind !== Kind.OBJECT_TYPE_DEFINITION || isFederationType(type)) continue;
    const typeGraphs = directives(type.directives, 'join__type').map(
      (d) => graphs.get(enumArg(d, 'graph') ?? '') ?? '',
    );
    for (const graph of typeGraphs)
      typesBySubgraph.set(graph, [...(typesBySubgraph.get(graph) ?? []), type.name.value]);
    const fieldGraphs = new Map<string, string[]>();
    for (const field of type.fields ?? []) {
      const joins = directives(field.directives, 'join__field').map(
        (d) => graphs.get(enumArg(d, 'graph') ?? '') ?? '',
      );
      fieldGraphs.set(field.name.value, joins.length > 0 ? joins : typeGraphs);
    }
    const home = homeGraph(typeGraphs, fieldGraphs);
    for (const field of type.fields ?? []) {
      const coordinate = `${type.name.value}.${field.name.value}`;
      const sharing = classifyArgument(field, 'sharing');
      const pi = classifyArgument(field, 'pi');
      const owners = fieldGraphs.get(field.name.value) ?? [];
      const owner = owners.length === 1 ? owners[0]! : home;
      for (const graph of owners.filter((g) => g !== owner)) {
        const borrowed = borrowedBySubgraph.get(graph) ?? new Map<string, string[]>();
        borrowedBySubgraph.set(graph, borrowed);
        borrowed.set(type.name.value, [...(borrowed.get(type.name.value) ?? []), field.name.value]);
      }
      if (!sharing || !pi || !SHARING.has(sharing) || !PI.has(pi)) {
        unlabelled.push(coordinate);
        labels.set(coordinate, { ...UNLABELLED, owner });
        continue;
      }
      labels.set(coordinate, {
        sharing: sharing as FieldLabel['sharing'],
        pi: pi as FieldLabel['pi'],
        mask: (classifyArgument(field, 'mask') ?? 'NONE') as FieldLabel['mask'],
        owner,
      });
    }
  }
  return { classification: labels, unlabelled, typesBySubgraph, borrowedBySubgraph };
}

function graphNames(document: DocumentNode): Map<string, string> {
  const graphEnum = document.definitions.find(
    (d): d is EnumTypeDefinitionNode =>
      d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph',
  );
  if (!graphEnum)
    throw new Error('The supergraph has no join__Graph enum: is it a Federation 2 supergraph?');
  return new Map(
    (graphEnum.values ?? []).map((v) => {
      const name = directives(v.directives, 'join__graph')[0]?.arguments?.find(
        (a) => a.name.value === 'name',
      )?.value;
      return [v.name.value, name?.kind === Kind.STRING ? name.value : v.name.value.toLowerCase()];
    }),
  );
}

function homeGraph(typeGraphs: string[], fieldGraphs: Map<string, string[]>): string {
  const counts = new Map<string, number>(typeGraphs.map((g) => [g, 0]));
  for (const owners of fieldGraphs.values()) {
    if (owners.length === 1) counts.set(owners[0]!, (counts.get(owners[0]!) ?? 0) + 1);
  }
  return (
    [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? ''
  );
}

function isFederationType(type: ObjectTypeDefinitionNode): boolean {
  return type.name.value.startsWith('join__') || type.name.value.startsWith('link__');
}

function directives(
  list: readonly ConstDirectiveNode[] | undefined,
  name: string,
): ConstDirectiveNode[] {
  return (list ?? []).filter((d) => d.name.value === name);
}

/** An argument of a field's @classify label (`sharing`, `pi` or `mask`), if it has one. */
export function classifyArgument(
  field: { directives?: readonly ConstDirectiveNode[] } | null | undefined,
  name: 'sharing' | 'pi' | 'mask',
): string | undefined {
  const classify = directives(field?.directives, 'classify')[0];
  return classify && enumArg(classify, name);
}

function enumArg(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.ENUM || value?.kind === Kind.STRING ? value.value : undefined;
}
