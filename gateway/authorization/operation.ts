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
 * a variable the caller controls. Each fragment is walked once (its fields are kept relative
 * to where it is spread) and duplicates are dropped at every level, so a fragment spread
 * many times, or a fragment bomb, costs the size of its distinct response paths.
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
  const root = schema.getRootType(operation.operation);
  if (!root) {
    return {
      fields: [],
      undecidable: [{ path: [], selection: operation.operation }],
      introspection: false,
    };
  }
  const walked = new Map<string, OperationFields>();
  const walking = new Set<string>();

  const collect = (set: SelectionSetNode, parent: GraphQLNamedType): OperationFields => {
    const result = new Collector();
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
        const key = selection.alias?.value ?? name;
        if (!definition) {
          result.undecidable([key], `${parent.name}.${name}`);
          continue;
        }
        result.field(
          objects.filter((t) => t.getFields()[name]).map((t) => `${t.name}.${name}`),
          [key],
        );
        if (selection.selectionSet) {
          result.add(collect(selection.selectionSet, getNamedType(definition.type)), key);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        if (type) result.add(collect(selection.selectionSet, type));
        else result.undecidable([], `... on ${selection.typeCondition?.name.value ?? '?'}`);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        // An unknown or cyclic spread (both invalid documents) is denied, never skipped.
        if (!fragment || !type || walking.has(name)) {
          result.undecidable([], `...${name}`);
          continue;
        }
        let fields = walked.get(name);
        if (!fields) {
          walking.add(name);
          fields = collect(fragment.selectionSet, type);
          walking.delete(name);
          walked.set(name, fields);
        }
        result.add(fields);
      }
    }
    return result.done();
  };
  return collect(operation.selectionSet, root);
}

/** Fields and undecidable selections relative to one selection set, each listed once. */
class Collector {
  introspection = false;
  private readonly fields: SelectedField[] = [];
  private readonly undecided: UndecidableSelection[] = [];
  private readonly seen = new Set<string>();

  field(coordinates: string[], path: string[]): void {
    const key = `f${path.join('.')}\n${coordinates.join(',')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.fields.push({ coordinates, path });
  }

  undecidable(path: string[], selection: string): void {
    const key = `u${path.join('.')}\n${selection}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.undecided.push({ path, selection });
  }

  /** Adds what a nested selection set reads, under the response key `prefix` when given. */
  add(nested: OperationFields, prefix?: string): void {
    const under = (path: string[]) => (prefix === undefined ? path : [prefix, ...path]);
    for (const f of nested.fields) this.field(f.coordinates, under(f.path));
    for (const u of nested.undecidable) this.undecidable(under(u.path), u.selection);
    this.introspection ||= nested.introspection;
  }

  done(): OperationFields {
    return { fields: this.fields, undecidable: this.undecided, introspection: this.introspection };
  }
}

function objectTypes(schema: GraphQLSchema, type: GraphQLNamedType) {
  if (isObjectType(type)) return [type];
  if (isAbstractType(type))
    return [...schema.getPossibleTypes(type as GraphQLCompositeType & typeof type)];
  return [];
}
