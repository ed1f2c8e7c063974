import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  Kind,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';

/** The size of a document's operations: for each, the largest over the document's operations. */
export interface OperationMeasures {
  depth: number;
  aliases: number;
  directives: number;
  rootFields: number;
  /** Distinct Type.field coordinates in the whole document. */
  height: number;
  /** Fields once fragments are expanded (every spread counted, each fragment walked once). */
  expandedFields: number;
}

/**
 * Measures a parsed document in one pass over it: every fragment is walked once and its
 * counts reused wherever it is spread, so an 18-level fragment bomb costs its 19 fragments.
 * Depth, aliases and directives are graphql-armor's counters; the rest are counted here.
 * Runs before validation: cycles and unknown names are counted as nothing, for validation to refuse.
 */
export function measureDocument(schema: GraphQLSchema, document: DocumentNode): OperationMeasures {
  const measures: OperationMeasures = {
    depth: 0,
    aliases: 0,
    directives: 0,
    rootFields: 0,
    height: 0,
    expandedFields: 0,
  };
  const largest = (key: 'depth' | 'aliases' | 'directives') => [
    (_: unknown, found: { n: number }) => (measures[key] = Math.max(measures[key], found.n)),
  ];
  // Armor compares and throws; here it only counts (n: Infinity), and the plugin compares.
  const armor = { n: Infinity, propagateOnRejection: false, exposeLimits: false };
  const rules: ValidationRule[] = [
    maxDepthRule({ ...armor, flattenFragments: true, onAccept: largest('depth') }),
    maxAliasesRule({ ...armor, onAccept: largest('aliases') }),
    maxDirectivesRule({ ...armor, onAccept: largest('directives') }),
    heightRule((height) => (measures.height = height)),
  ];
  validate(schema, document, rules);
  const counter = expandedCounter(document);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const { fields, rootFields } = counter(definition.selectionSet);
    measures.expandedFields = Math.max(measures.expandedFields, fields);
    measures.rootFields = Math.max(measures.rootFields, rootFields);
  }
  return measures;
}

function heightRule(report: (height: number) => void): ValidationRule {
  return (context) => {
    const coordinates = new Set<string>();
    return {
      Field(node) {
        coordinates.add(`${context.getParentType()?.name ?? '?'}.${node.name.value}`);
      },
      Document: { leave: () => report(coordinates.size) },
    };
  };
}

interface Counts {
  fields: number;
  rootFields: number;
}

/** Counts fields with fragments expanded, memoized per fragment (a cycle counts nothing). */
function expandedCounter(document: DocumentNode): (set: SelectionSetNode) => Counts {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  }
  const counted = new Map<string, Counts>();
  const count = (set: SelectionSetNode): Counts => {
    const total: Counts = { fields: 0, rootFields: 0 };
    for (const selection of set.selections) {
      let inner: Counts;
      if (selection.kind === Kind.FIELD) {
        total.rootFields += 1;
        total.fields += 1 + (selection.selectionSet ? count(selection.selectionSet).fields : 0);
        continue;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = count(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        inner = counted.get(name) ?? { fields: 0, rootFields: 0 };
        if (fragment && !counted.has(name)) {
          counted.set(name, inner); // a cycle back to it counts nothing
          inner = count(fragment.selectionSet);
          counted.set(name, inner);
        }
      }
      total.fields += inner.fields;
      total.rootFields += inner.rootFields;
    }
    return total;
  };
  return count;
}
