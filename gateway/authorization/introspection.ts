import type { Classification, Consumer } from '../../policies';

interface IntrospectedType {
  name?: string;
  fields?: { name: string }[] | null;
}

/**
 * Removes from an introspection result the NONE fields the consumer's department does not
 * own: a field that never leaves its department is not even named to others.
 */
export function hideUnsharedFields(
  data: Record<string, unknown>,
  classification: Classification,
  consumer: Consumer,
): void {
  const hide = (type: IntrospectedType | null | undefined) => {
    if (!type?.name || !Array.isArray(type.fields)) return;
    type.fields = type.fields.filter((field) => {
      const label = classification.get(`${type.name}.${field.name}`);
      return !label || label.sharing !== 'NONE' || label.owner === consumer.department;
    });
  };
  const schema = data.__schema as { types?: IntrospectedType[] } | undefined;
  for (const type of schema?.types ?? []) hide(type);
  for (const value of Object.values(data)) {
    if (value && typeof value === 'object' && 'fields' in value) hide(value as IntrospectedType);
  }
}
