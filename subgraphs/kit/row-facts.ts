import { Kind, type DocumentNode } from 'graphql';
import type { RowFacts } from './row-gate';

/**
 * The row facts a department knows: what it declares, and for every entity type the fields of
 * its simple @key (a reference carries them), each under its own name.
 */
export function rowFacts(typeDefs: DocumentNode, declared: RowFacts = {}): RowFacts {
  const facts: Record<string, Record<string, string>> = {};
  for (const [type, keys] of keyFields(typeDefs)) {
    facts[type] = Object.fromEntries(keys.map((key) => [key, key]));
  }
  for (const [type, own] of Object.entries(declared)) facts[type] = { ...facts[type], ...own };
  return facts;
}

function keyFields(typeDefs: DocumentNode): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const node of typeDefs.definitions) {
    if (node.kind !== Kind.OBJECT_TYPE_DEFINITION && node.kind !== Kind.OBJECT_TYPE_EXTENSION) {
      continue;
    }
    for (const directive of node.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const value = directive.arguments?.find((a) => a.name.value === 'fields')?.value;
      const text = value?.kind === Kind.STRING ? value.value : '';
      // Only simple keys ("id", "code"): a nested key names no property of the row itself.
      const fields = /[{}]/.test(text) ? [] : text.split(/[\s,]+/).filter(Boolean);
      keys.set(node.name.value, [...(keys.get(node.name.value) ?? []), ...fields]);
    }
  }
  return keys;
}
