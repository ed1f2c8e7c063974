type Json = unknown;

/**
 * Rewrites every value found at a response path (list levels traversed), in place.
 * Used to mask fields and to null filtered ones after execution.
 */
export function rewriteAt(
  data: Json,
  path: readonly string[],
  rewrite: (value: Json) => Json,
): void {
  visit(data, path, 0, rewrite);
}

function visit(
  node: Json,
  path: readonly string[],
  depth: number,
  rewrite: (value: Json) => Json,
): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) visit(item, path, depth, rewrite);
    return;
  }
  const record = node as Record<string, Json>;
  const key = path[depth]!;
  if (!(key in record)) return;
  if (depth === path.length - 1) {
    const value = record[key];
    record[key] = Array.isArray(value)
      ? value.map((v) => (v === null ? v : rewrite(v)))
      : value === null
        ? null
        : rewrite(value);
    return;
  }
  visit(record[key], path, depth + 1, rewrite);
}

/** Sets the field at a response path to null wherever its parent object exists (filter mode). */
export function setNullAt(data: Json, path: readonly string[]): void {
  const parent = path.slice(0, -1);
  const key = path[path.length - 1]!;
  const assign = (node: Json) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(assign);
    (node as Record<string, Json>)[key] = null;
  };
  if (parent.length === 0) return assign(data);
  rewriteAt(data, parent, (value) => {
    assign(value);
    return value;
  });
}

/** Whether the response holds a value (not null) at a response path, at any list item. */
export function hasValueAt(data: Json, path: readonly string[]): boolean {
  return holds(data, path, 0);
}

function holds(node: Json, path: readonly string[], depth: number): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some((item) => holds(item, path, depth));
  const value = (node as Record<string, Json>)[path[depth]!];
  if (value === undefined || value === null) return false;
  return depth === path.length - 1 || holds(value, path, depth + 1);
}
