import {
  isCompositeType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
} from 'graphql';
import type { CostDirectives } from './directives';
import { argumentWeight, fieldOf, fieldWeight, type CostOptions } from './estimate';

interface Selected {
  node: FieldNode;
  parent: GraphQLCompositeType;
}

/**
 * The cost of what a response actually holds, weighed as the estimate weighs it but with
 * each list counted by its real length (null and absent values cost nothing).
 */
export function actualCost(
  schema: GraphQLSchema,
  directives: CostDirectives,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  data: unknown,
  options: CostOptions,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const flattened = new Map<SelectionSetNode, Map<string, Selected>>();

  /** The fields of a selection set by response key (fragments inlined, the first kept). */
  const fieldsOf = (set: SelectionSetNode, parent: GraphQLCompositeType) => {
    let fields = flattened.get(set);
    if (fields) return fields;
    fields = new Map();
    const collect = (s: SelectionSetNode, type: GraphQLCompositeType, seen: Set<string>) => {
      for (const selection of s.selections) {
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          if (!fields!.has(key)) fields!.set(key, { node: selection, parent: type });
          continue;
        }
        const name =
          selection.kind === Kind.INLINE_FRAGMENT
            ? selection.typeCondition?.name.value
            : fragments.get(selection.name.value)?.typeCondition.name.value;
        const condition = name ? schema.getType(name) : type;
        const inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? selection.selectionSet
            : fragments.get(selection.name.value)?.selectionSet;
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          if (seen.has(selection.name.value)) continue;
          seen = new Set([...seen, selection.name.value]);
        }
        if (inner && condition && isCompositeType(condition)) collect(inner, condition, seen);
      }
    };
    collect(set, parent, new Set());
    flattened.set(set, fields);
    return fields;
  };

  const objectCost = (
    value: unknown,
    set: SelectionSetNode,
    parent: GraphQLCompositeType,
  ): number => {
    if (value === null || typeof value !== 'object') return 0;
    if (Array.isArray(value)) return value.reduce((sum, v) => sum + objectCost(v, set, parent), 0);
    let cost = 0;
    for (const [key, { node, parent: type }] of fieldsOf(set, parent)) {
      const field = fieldOf(type, node.name.value);
      const fieldValue = (value as Record<string, unknown>)[key];
      if (!field || fieldValue === undefined) continue;
      cost += argumentWeight(directives, `${type.name}.${field.name}`, node);
      const weight = fieldWeight(schema, directives, type, field, options);
      const named = getNamedType(field.type);
      const items = Array.isArray(fieldValue) ? fieldValue : [fieldValue];
      for (const item of items) {
        if (item === null) continue;
        cost += weight;
        if (node.selectionSet && isCompositeType(named))
          cost += objectCost(item, node.selectionSet, named);
      }
    }
    return cost;
  };

  const root = schema.getRootType(operation.operation);
  return root ? objectCost(data, operation.selectionSet, root) : 0;
}
