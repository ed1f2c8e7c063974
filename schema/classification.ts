import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  type InterfaceTypeDefinitionNode,
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
 * entity key) is owned by the type's home: the subgraph that defines most of its fields. A
 * field an @interfaceObject subgraph adds to the types implementing the interface (composition
 * writes it with a bare `@join__field`) is owned by that subgraph. A field whose owner the
 * supergraph does not tell has owner null, and no grant opens it.
 * Any Federation 2 supergraph works: unlabelled fields are listed, and closed unless granted.
 */
export function classificationFromSupergraph(supergraph: string | DocumentNode): {
  classification: Classification;
  unlabelled: string[];
  /** Fields whose owner the supergraph does not tell: denied to everyone. */
  unowned: string[];
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
  const interfaces = new Map(
    document.definitions
      .filter((d): d is InterfaceTypeDefinitionNode => d.kind === Kind.INTERFACE_TYPE_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const labels = new Map<string, FieldLabel>();
  const unlabelled: string[] = [];
  const unowned: string[] = [];
  const typesBySubgraph = new Map<string, string[]>();
  const borrowedBySubgraph = new Map<string, Map<string, string[]>>();
  for (const type of document.definitions) {
    if (type.kind !== Kind.OBJECT_TYPE_DEFINITION || isFederationType(type)) continue;
    const typeGraphs = joinGraphs(type.directives, 'join__type', graphs);
    for (const graph of typeGraphs)
      typesBySubgraph.set(graph, [...(typesBySubgraph.get(graph) ?? []), type.name.value]);
    const implemented = (type.interfaces ?? []).flatMap((i) => interfaces.get(i.name.value) ?? []);
    const fieldGraphs = new Map<string, string[]>();
    for (const field of type.fields ?? []) {
      fieldGraphs.set(field.name.value, resolvingGraphs(field, typeGraphs, implemented, graphs));
    }
    const home = homeGraph(typeGraphs, fieldGraphs);
    for (const field of type.fields ?? []) {
      const coordinate = `${type.name.value}.${field.name.value}`;
      const sharing = classifyArgument(field, 'sharing');
      const pi = classifyArgument(field, 'pi');
      const owners = fieldGraphs.get(field.name.value) ?? [];
      const owner = owners.length === 1 ? owners[0]! : owners.length > 1 ? home : null;
      if (owner === null) unowned.push(coordinate);
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
  return { classification: labels, unlabelled, unowned, typesBySubgraph, borrowedBySubgraph };
}

/**
 * The subgraphs that resolve a field of an object type: those its `@join__field`s name, else
 * (no `@join__field`) every subgraph of the type. A bare `@join__field` (no graph) marks a field
 * only an @interfaceObject subgraph resolves, through an interface the type implements.
 */
function resolvingGraphs(
  field: FieldDefinitionNode,
  typeGraphs: readonly string[],
  implemented: readonly InterfaceTypeDefinitionNode[],
  graphs: ReadonlyMap<string, string>,
): string[] {
  const joins = directives(field.directives, 'join__field');
  if (joins.length === 0) return [...typeGraphs];
  if (joins.some((d) => graphArg(d) !== undefined)) {
    return joinGraphs(field.directives, 'join__field', graphs);
  }
  return interfaceObjectGraphs(field.name.value, implemented, graphs);
}

/** The @interfaceObject subgraphs that resolve `fieldName` on one of the interfaces. */
function interfaceObjectGraphs(
  fieldName: string,
  implemented: readonly InterfaceTypeDefinitionNode[],
  graphs: ReadonlyMap<string, string>,
): string[] {
  const found = new Set<string>();
  for (const face of implemented) {
    const field = face.fields?.find((f) => f.name.value === fieldName);
    if (!field) continue;
    const objectGraphs = new Set(
      directives(face.directives, 'join__type')
        .filter((d) => booleanArg(d, 'isInterfaceObject'))
        .flatMap((d) => graphs.get(graphArg(d) ?? '') ?? []),
    );
    const resolving = directives(field.directives, 'join__field').some(
      (d) => graphArg(d) !== undefined,
    )
      ? joinGraphs(field.directives, 'join__field', graphs)
      : [...objectGraphs];
    for (const graph of resolving) if (objectGraphs.has(graph)) found.add(graph);
  }
  return [...found].sort();
}

/**
 * The subgraphs named by `@join__type` or `@join__field` directives; a field marked
 * `external` in a subgraph is not resolved there. Unknown graphs are left out.
 */
function joinGraphs(
  list: readonly ConstDirectiveNode[] | undefined,
  name: 'join__type' | 'join__field',
  graphs: ReadonlyMap<string, string>,
): string[] {
  const named = directives(list, name)
    .filter((d) => !(name === 'join__field' && booleanArg(d, 'external')))
    .flatMap((d) => graphs.get(graphArg(d) ?? '') ?? []);
  return [...new Set(named)];
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

/** The type's subgraph that alone resolves most of its fields (ties: by name); null when it has none. */
function homeGraph(
  typeGraphs: readonly string[],
  fieldGraphs: Map<string, string[]>,
): string | null {
  const counts = new Map<string, number>(typeGraphs.map((g) => [g, 0]));
  for (const owners of fieldGraphs.values()) {
    const sole = owners.length === 1 ? owners[0]! : undefined;
    if (sole !== undefined && counts.has(sole)) counts.set(sole, counts.get(sole)! + 1);
  }
  return (
    [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null
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

function graphArg(directive: ConstDirectiveNode): string | undefined {
  return enumArg(directive, 'graph');
}

function booleanArg(directive: ConstDirectiveNode, name: string): boolean {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.BOOLEAN && value.value;
}

function enumArg(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.ENUM || value?.kind === Kind.STRING ? value.value : undefined;
}
