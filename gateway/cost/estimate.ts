import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { CostDirectives, ListSize } from './directives';

/** Weights the specification leaves to the implementation. */
export interface CostOptions {
  /** Size of a list field without @listSize. */
  defaultListSize: number;
  /** Weight of a mutation's root field without @cost (the specification's 10). */
  mutationWeight: number;
}

/** The operation asks for a slicing argument it must give exactly once (requireOneSlicingArgument). */
export class SlicingArgumentError extends Error {}

type Variables = Readonly<Record<string, unknown>>;

/**
 * The static cost of an operation after the IBM cost specification, as Apollo Router and Hive
 * Gateway read it: an object costs 1 and a leaf 0 unless @cost says otherwise (on the field,
 * else on its type), a mutation's root field 10; a list multiplies its items' cost by its
 * size (the largest slicing argument given, else its default, else @listSize's assumedSize,
 * else `defaultListSize`; `sizedFields` carry the size to the named child lists); arguments
 * add their @cost. Fragments on distinct object types of an abstract type are alternatives:
 * the dearest counts. Fields under @skip/@include count, whatever the variables.
 */
export function estimateCost(
  schema: GraphQLSchema,
  directives: CostDirectives,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
  options: CostOptions,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, sized?: number): number => {
    const definition = fieldOf(parent, node.name.value);
    if (!definition) return 0;
    const coordinate = `${parent.name}.${node.name.value}`;
    const type = getNamedType(definition.type);
    const weight = fieldWeight(schema, directives, parent, definition, options);
    const argumentsCost = argumentWeight(directives, coordinate, node);
    const listSize = directives.listSizes.get(coordinate);
    const slice = listSize && slicedSize(listSize, node, definition, variables);
    const declared = slice ?? listSize?.assumedSize ?? undefined;
    const childSizes = listSize?.sizedFields.length
      ? new Map(listSize.sizedFields.map((f) => [f, declared ?? options.defaultListSize]))
      : undefined;
    const children = node.selectionSet ? setCost(node.selectionSet, type, childSizes) : 0;
    if (!isListType(getNullableType(definition.type))) return argumentsCost + weight + children;
    const size =
      sized ?? (listSize?.sizedFields.length ? undefined : declared) ?? options.defaultListSize;
    return argumentsCost + size * (weight + children);
  };

  const walked = new Map<string, Map<string, number>>();
  const walking = new Set<string>();
  /** Cost of a selection set, by the object type it applies to ('' for every type). */
  const byType = (
    set: SelectionSetNode,
    parent: GraphQLNamedType,
    sizes?: ReadonlyMap<string, number>,
  ): Map<string, number> => {
    const costs = new Map<string, number>();
    const add = (type: string, cost: number) => costs.set(type, (costs.get(type) ?? 0) + cost);
    if (!isCompositeType(parent)) return costs;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        add('', fieldCost(selection, parent, sizes?.get(selection.name.value)));
        continue;
      }
      let condition: GraphQLNamedType | undefined = parent;
      let inner: Map<string, number>;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const name = selection.typeCondition?.name.value;
        condition = name ? schema.getType(name) : parent;
        inner = condition ? byType(selection.selectionSet, condition, sizes) : new Map();
      } else {
        const fragment = fragments.get(selection.name.value);
        condition = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !condition) continue;
        const key = `${fragment.name.value}\n${sizes ? JSON.stringify([...sizes]) : ''}`;
        if (walking.has(key)) continue; // a cycle (an invalid document) counts nothing
        let known = walked.get(key);
        if (!known) {
          walking.add(key);
          known = byType(fragment.selectionSet, condition, sizes);
          walking.delete(key);
          walked.set(key, known);
        }
        inner = known;
      }
      const own =
        condition && isObjectType(condition) && condition !== parent ? condition.name : '';
      for (const [type, cost] of inner) add(type || own, cost);
    }
    return costs;
  };

  const setCost = (
    set: SelectionSetNode,
    parent: GraphQLNamedType,
    sizes?: ReadonlyMap<string, number>,
  ): number => {
    const costs = byType(set, parent, sizes);
    const common = costs.get('') ?? 0;
    costs.delete('');
    return common + Math.max(0, ...costs.values());
  };

  return setCost(operation.selectionSet, root);
}

/** A field's own weight: its @cost, else 10 at a mutation's root, else its type's @cost, else 1 for an object and 0 for a leaf. */
export function fieldWeight(
  schema: GraphQLSchema,
  directives: CostDirectives,
  parent: GraphQLCompositeType,
  definition: GraphQLField<unknown, unknown>,
  options: CostOptions,
): number {
  const type = getNamedType(definition.type);
  return (
    directives.weights.get(`${parent.name}.${definition.name}`) ??
    (parent === schema.getMutationType() ? options.mutationWeight : undefined) ??
    directives.weights.get(type.name) ??
    (isCompositeType(type) ? 1 : 0)
  );
}

/** The @cost of the arguments a field is given. */
export function argumentWeight(
  directives: CostDirectives,
  coordinate: string,
  node: FieldNode,
): number {
  let weight = 0;
  for (const argument of node.arguments ?? [])
    weight += directives.weights.get(`${coordinate}(${argument.name.value})`) ?? 0;
  return weight;
}

export function fieldOf(
  parent: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/** The largest slicing argument given (a variable's value or a literal), else its default. */
function slicedSize(
  listSize: ListSize,
  node: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  variables: Variables,
): number | undefined {
  if (listSize.slicingArguments.length === 0) return undefined;
  const given = (node.arguments ?? []).filter((a) =>
    listSize.slicingArguments.includes(a.name.value),
  );
  if (listSize.requireOneSlicingArgument && given.length !== 1) {
    throw new SlicingArgumentError(
      `${node.name.value} needs exactly one of its slicing arguments ` +
        `(${listSize.slicingArguments.join(', ')}); it was given ${given.length}.`,
    );
  }
  const values = given.map((a) => intOf(a.value, variables)).filter((v) => v !== undefined);
  if (values.length > 0) return Math.max(...values);
  const defaults = definition.args
    .filter((a) => listSize.slicingArguments.includes(a.name))
    .map((a) => a.defaultValue)
    .filter((v): v is number => typeof v === 'number');
  return defaults.length > 0 ? Math.max(...defaults) : undefined;
}

function intOf(value: ValueNode, variables: Variables): number | undefined {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'number' ? given : undefined;
  }
  return undefined;
}
