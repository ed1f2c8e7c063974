import type { RowConditions, RowScalar, RowValue } from './policy-set';
import { PLACEHOLDERS, type Placeholder } from './schema';
import type { Consumer } from './types';

/** Row conditions with placeholders replaced by the consumer's values, as CASL receives them. */
export type ResolvedConditions = Record<string, RowScalar | { $in: RowScalar[] }>;

/** The result of resolving: the conditions, or the first placeholder this consumer has no value for. */
export type Resolution = { conditions: ResolvedConditions } | { unresolved: string };

/** Whether a row value is a placeholder ('$jurisdiction', '$personId', '$department'). */
export function isPlaceholder(value: unknown): value is Placeholder {
  return typeof value === 'string' && (PLACEHOLDERS as readonly string[]).includes(value);
}

/** The consumer's value for a placeholder, or null when it has none. */
export function placeholderValue(placeholder: Placeholder, consumer: Consumer): string | null {
  switch (placeholder) {
    case '$jurisdiction':
      return consumer.jurisdiction;
    case '$personId':
      return consumer.personId;
    case '$department':
      return consumer.department;
    default: {
      const unknown: never = placeholder;
      return unknown;
    }
  }
}

/** Replaces placeholders in row conditions; an unknown '$…' string counts as unresolved (fail closed). */
export function resolveRows(rows: RowConditions, consumer: Consumer): Resolution {
  const conditions: ResolvedConditions = {};
  for (const [field, value] of Object.entries(rows)) {
    const resolved = resolveValue(value, consumer);
    if ('unresolved' in resolved) return resolved;
    conditions[field] = resolved.value;
  }
  return { conditions };
}

function resolveValue(
  value: RowValue,
  consumer: Consumer,
): { value: ResolvedConditions[string] } | { unresolved: string } {
  if (typeof value === 'object') {
    const values: RowScalar[] = [];
    for (const item of value.$in) {
      const resolved = resolveScalar(item, consumer);
      if (typeof resolved === 'object') return resolved;
      values.push(resolved);
    }
    return { value: { $in: values } };
  }
  const resolved = resolveScalar(value, consumer);
  return typeof resolved === 'object' ? resolved : { value: resolved };
}

function resolveScalar(value: RowScalar, consumer: Consumer): RowScalar | { unresolved: string } {
  if (typeof value !== 'string' || !value.startsWith('$')) return value;
  const resolved = isPlaceholder(value) ? placeholderValue(value, consumer) : null;
  return resolved ?? { unresolved: value };
}
