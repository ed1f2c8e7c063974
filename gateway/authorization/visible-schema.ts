import {
  buildASTSchema,
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  Kind,
  parse,
  printSchema,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type NamedTypeNode,
  type TypeNode,
} from 'graphql';
import type { Classification, PolicyAbility } from '../../policies';
import { fieldNotes } from './field-notes';

/** The role that builds applications across departments: it sees the whole graph but others' NONE fields. */
export const DEVELOPER_ROLE = 'developer';

/** What one consumer sees of the graph: the fields of each type, and the notes on them. */
export interface VisibleView {
  fields: Map<string, Set<string>>;
  /** `Type.field` → what applies to this consumer (masked, row limits, not open). */
  notes: Map<string, string[]>;
}

/**
 * The fields and notes one consumer sees (see `shownTo` and fieldNotes). Interface fields stay
 * only where each implementing type shows them. Consumers with the same view (every citizen,
 * say) share one visible schema.
 */
export function visibleView(
  schema: GraphQLSchema,
  ability: PolicyAbility,
  classification: Classification,
): VisibleView {
  const shown = shownTo(ability, classification);
  const fields = new Map<string, Set<string>>();
  const notes = new Map<string, string[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      const names = Object.keys(type.getFields()).filter((f) => shown(type.name, f));
      fields.set(type.name, new Set(names));
      for (const f of names) {
        const added = fieldNotes(ability, classification, type.name, f);
        if (added.length > 0) notes.set(`${type.name}.${f}`, added);
      }
    } else if (isInterfaceType(type)) {
      const implementations = schema.getPossibleTypes(type);
      fields.set(
        type.name,
        new Set(
          Object.keys(type.getFields()).filter(
            (f) => implementations.length > 0 && implementations.every((t) => shown(t.name, f)),
          ),
        ),
      );
    }
  }
  return { fields, notes };
}

/**
 * The graph of one view as a valid schema: every field the consumer may not see is removed,
 * then every type left without fields, every field returning a removed type, and every type no
 * longer reachable from a root. Introspection and validation errors are answered from this
 * schema, so they never name what the consumer cannot see. Each field's description tells the
 * consumer what applies to them. Null when the consumer can see no query field at all.
 */
export function visibleSchema(schema: GraphQLSchema, view: VisibleView): GraphQLSchema | null {
  const document = pruneDocument(
    annotate(
      parse(printSchema(schema)),
      view.fields,
      (type, field) => view.notes.get(`${type}.${field}`) ?? [],
    ),
    view.fields,
  );
  if (!document) return null;
  return buildASTSchema(reachableOnly(buildASTSchema(document), document));
}

/**
 * Which fields a consumer sees. Everyone: the fields the ability does not deny. The developer
 * role: every field but other departments' NONE fields (不予共享), so an application can be
 * designed against the whole graph; what is not open to them says so in its description.
 */
function shownTo(
  ability: PolicyAbility,
  classification: Classification,
): (type: string, field: string) => boolean {
  const readable = (type: string, field: string) => ability.decide(type, field).effect !== 'deny';
  const { consumer } = ability;
  if (consumer.kind !== 'official' || consumer.role !== DEVELOPER_ROLE) return readable;
  return (type, field) => {
    const label = classification.get(`${type}.${field}`);
    if (!label) return readable(type, field);
    return label.sharing !== 'NONE' || label.owner === consumer.department;
  };
}

type Definition = DefinitionNode & { name?: { value: string } };

/** Appends each shown object field's notes to its description. */
function annotate(
  document: DocumentNode,
  visibleFields: ReadonlyMap<string, ReadonlySet<string>>,
  notes: (type: string, field: string) => string[],
): DocumentNode {
  const definitions = document.definitions.map((d) => {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION) return d;
    const type = d.name.value;
    const fields = d.fields?.map((f): FieldDefinitionNode => {
      if (!visibleFields.get(type)?.has(f.name.value)) return f;
      const added = notes(type, f.name.value);
      if (added.length === 0) return f;
      const value = [f.description?.value, ...added].filter(Boolean).join('\n\n');
      return { ...f, description: { kind: Kind.STRING, value, block: true } };
    });
    return { ...d, fields };
  });
  return { ...document, definitions };
}

/** Removes hidden fields, then, until nothing changes, empty types and fields that return them. */
function pruneDocument(
  document: DocumentNode,
  visibleFields: ReadonlyMap<string, ReadonlySet<string>>,
): DocumentNode | null {
  const removed = new Set<string>();
  let definitions = document.definitions.filter(
    // Only the spec's directives: a custom directive's definition is not part of any reader's graph.
    (d) => d.kind !== Kind.DIRECTIVE_DEFINITION,
  ) as Definition[];
  const keepField = (typeName: string, field: FieldDefinitionNode) =>
    (visibleFields.get(typeName)?.has(field.name.value) ?? false) &&
    !removed.has(namedType(field.type));
  for (let changed = true; changed;) {
    changed = false;
    definitions = definitions.flatMap((d): Definition[] => {
      switch (d.kind) {
        case Kind.OBJECT_TYPE_DEFINITION:
        case Kind.INTERFACE_TYPE_DEFINITION: {
          const fields = (d.fields ?? []).filter((f) => keepField(d.name.value, f));
          const interfaces = (d.interfaces ?? []).filter((i) => !removed.has(i.name.value));
          if (fields.length === 0) {
            removed.add(d.name.value);
            changed = true;
            return [];
          }
          if (fields.length !== d.fields?.length || interfaces.length !== d.interfaces?.length)
            changed = true;
          return [{ ...d, fields, interfaces }];
        }
        case Kind.UNION_TYPE_DEFINITION: {
          const types = (d.types ?? []).filter((t) => !removed.has(t.name.value));
          if (types.length === 0) {
            removed.add(d.name.value);
            changed = true;
            return [];
          }
          if (types.length !== d.types?.length) changed = true;
          return [{ ...d, types }];
        }
        default:
          return [d];
      }
    });
  }
  const query = definitions.find(
    (d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name?.value === 'Query',
  );
  if (!query) return null;
  // A schema definition naming a removed root (Mutation) is rewritten by dropping that root.
  definitions = definitions.flatMap((d): Definition[] =>
    d.kind === Kind.SCHEMA_DEFINITION
      ? [{ ...d, operationTypes: d.operationTypes.filter((o) => !removed.has(o.type.name.value)) }]
      : [d],
  );
  return { kind: Kind.DOCUMENT, definitions };
}

/** The document without the types no root reaches (through fields, arguments, interfaces, unions). */
function reachableOnly(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const reached = new Set<string>();
  const visit = (type: GraphQLNamedType | null | undefined) => {
    if (!type || reached.has(type.name)) return;
    reached.add(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        visit(getNamedType(field.type));
        for (const arg of field.args) visit(getNamedType(arg.type));
      }
      for (const i of type.getInterfaces()) visit(i);
      if (isInterfaceType(type)) for (const t of schema.getPossibleTypes(type)) visit(t);
    } else if (isUnionType(type)) {
      for (const t of type.getTypes()) visit(t);
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
    }
  };
  visit(schema.getQueryType());
  visit(schema.getMutationType());
  return {
    ...document,
    definitions: document.definitions.filter((d) => {
      const name = (d as Definition).name?.value;
      if (d.kind === Kind.SCHEMA_DEFINITION || name === undefined) return true;
      const type = schema.getType(name);
      return reached.has(name) && !(type && isSpecifiedScalarType(type));
    }),
  };
}

function namedType(type: TypeNode): string {
  let t: TypeNode = type;
  while (t.kind !== Kind.NAMED_TYPE) t = t.type;
  return (t as NamedTypeNode).name.value;
}
