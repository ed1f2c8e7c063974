import { Kind, visit, type DocumentNode, type SelectionSetNode } from 'graphql';

const TYPENAME: SelectionSetNode['selections'][number] = {
  kind: Kind.FIELD,
  name: { kind: Kind.NAME, value: '__typename' },
};

/**
 * Filter mode: the operation without the denied fields, so they never reach a department.
 * Paths are response keys; a fragment is inlined where it is spread so that removing a field
 * at one path does not remove it at another. A selection left empty keeps `__typename`.
 */
export function removeDeniedFields(
  document: DocumentNode,
  operationName: string | null,
  denied: string[][],
): DocumentNode {
  const deniedKeys = new Set(denied.map((p) => p.join('.')));
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [],
    ),
  );
  const prune = (set: SelectionSetNode, path: string[]): SelectionSetNode => {
    const selections = set.selections.flatMap(
      (selection): SelectionSetNode['selections'][number][] => {
        if (selection.kind === Kind.FIELD) {
          const fieldPath = [...path, selection.alias?.value ?? selection.name.value];
          if (deniedKeys.has(fieldPath.join('.'))) return [];
          return [
            selection.selectionSet
              ? { ...selection, selectionSet: prune(selection.selectionSet, fieldPath) }
              : selection,
          ];
        }
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          return [{ ...selection, selectionSet: prune(selection.selectionSet, path) }];
        }
        const fragment = fragments.get(selection.name.value);
        if (!fragment) return [];
        return [
          {
            kind: Kind.INLINE_FRAGMENT,
            typeCondition: fragment.typeCondition,
            directives: selection.directives,
            selectionSet: prune(fragment.selectionSet, path),
          },
        ];
      },
    );
    return { ...set, selections: selections.length > 0 ? selections : [TYPENAME] };
  };
  const operations = document.definitions.filter(
    (d) =>
      d.kind === Kind.OPERATION_DEFINITION &&
      (operationName === null || d.name?.value === operationName),
  );
  return visit(
    { ...document, definitions: operations },
    {
      OperationDefinition: (node) => ({ ...node, selectionSet: prune(node.selectionSet, []) }),
    },
  );
}
