import {
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** One field an operation selects, wherever it is written (alias, fragment, inline fragment). */
export interface SelectedField {
  /** The object-type coordinates it may read: several when selected on an interface. */
  coordinates: string[];
  /** Response path by response key (aliases kept), list levels left out. */
  path: string[];
}

/** A selection the walk could not resolve against the schema: it is denied, never skipped. */
export interface UndecidableSelection {
  path: string[];
  /** What was selected (`Type.field`, `...Fragment`, `... on Type`). */
  selection: string;
}

export interface OperationFields {
  fields: SelectedField[];
  undecidable: UndecidableSelection[];
  /** The operation reads __schema or __type. */
  introspection: boolean;
}

/**
 * Every field an operation can read, with fragments expanded and aliases resolved. Fields
 * under @include/@skip are listed whatever the variables say: a decision must not depend on
 * a variable the caller controls.
 */
export function selectedFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): OperationFields {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  }
  const result: OperationFields = { fields: [], undecidable: [], introspection: false };
  const root = schema.getRootType(operation.operation);
  if (!root) {
    result.undecidable.push({ path: [], selection: operation.operation });
    return result;
  }

  const collect = (
    set: SelectionSetNode,
    parent: GraphQLNamedType,
    path: string[],
    seen: Set<string>,
  ) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        if (name === '__schema' || name === '__type') {
          result.introspection = true;
          continue;
        }
        const objects = objectTypes(schema, parent);
        const definition = objects.map((t) => t.getFields()[name]).find((f) => f !== undefined);
        const fieldPath = [...path, selection.alias?.value ?? name];
        if (!definition) {
          result.undecidable.push({ path: fieldPath, selection: `${parent.name}.${name}` });
          continue;
        }
        result.fields.push({
          coordinates: objects.filter((t) => t.getFields()[name]).map((t) => `${t.name}.${name}`),
          path: fieldPath,
        });
        if (selection.selectionSet) {
          collect(selection.selectionSet, getNamedType(definition.type), fieldPath, seen);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        if (type) collect(selection.selectionSet, type, path, seen);
        else
          result.undecidable.push({
            path,
            selection: `... on ${selection.typeCondition?.name.value ?? '?'}`,
          });
      } else {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        // An unknown or cyclic spread (both invalid documents) is denied, never skipped.
        if (!fragment || !type || seen.has(fragment.name.value)) {
          result.undecidable.push({ path, selection: `...${selection.name.value}` });
          continue;
        }
        collect(fragment.selectionSet, type, path, new Set([...seen, fragment.name.value]));
      }
    }
  };
  collect(operation.selectionSet, root, [], new Set());
  return result;
}

function objectTypes(schema: GraphQLSchema, type: GraphQLNamedType) {
  if (isObjectType(type)) return [type];
  if (isAbstractType(type))
    return [...schema.getPossibleTypes(type as GraphQLCompositeType & typeof type)];
  return [];
}
