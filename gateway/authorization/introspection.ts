import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Classification, Consumer } from '../../policies';

interface IntrospectedType {
  name?: string;
  fields?: { name: string }[] | null;
}

/**
 * Removes from an introspection result the NONE fields the consumer's department does not
 * own: a field that never leaves its department is not even named to others. When the
 * result does not say which type a field list belongs to, every field name that is unshared
 * anywhere is removed (fail closed).
 */
export function hideUnsharedFields(
  data: Record<string, unknown>,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  classification: Classification,
  consumer: Consumer,
): void {
  const hidden = (type: string, field: string) => {
    const label = classification.get(`${type}.${field}`);
    return label?.sharing === 'NONE' && label.owner !== consumer.department;
  };
  const hiddenAnywhere = new Set(
    [...classification.keys()]
      .filter((c) => hidden(...(c.split('.') as [string, string])))
      .map((c) => c.split('.')[1]),
  );
  const done = new Set<unknown>();
  const prune = (type: IntrospectedType | null | undefined, typeName: string | undefined) => {
    if (!type || !Array.isArray(type.fields) || done.has(type)) return;
    done.add(type);
    const name = type.name ?? typeName;
    type.fields = type.fields.filter((f) =>
      name ? !hidden(name, f.name) : !hiddenAnywhere.has(f.name),
    );
  };
  const schema = data.__schema as { types?: IntrospectedType[] } | undefined;
  for (const type of schema?.types ?? []) prune(type, undefined);
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value !== '__type') continue;
    const arg = selection.arguments?.find((a) => a.name.value === 'name')?.value;
    const typeName =
      arg?.kind === Kind.STRING
        ? arg.value
        : arg?.kind === Kind.VARIABLE
          ? String(variables?.[arg.name.value] ?? '')
          : undefined;
    prune(data[selection.alias?.value ?? '__type'] as IntrospectedType, typeName || undefined);
  }
  // __type reached through fragments or nested fields: prune by name alone.
  for (const value of Object.values(data)) {
    if (value && typeof value === 'object' && 'fields' in value)
      prune(value as IntrospectedType, undefined);
  }
}
