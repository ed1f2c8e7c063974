import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Classification, Decision, MaskStyle, PolicyAbility } from '../../policies';
import { selectedFields } from './operation';

/** A field the operation may not read, with why and what would open it. */
export interface DeniedField {
  path: string;
  coordinate: string;
  reason: string;
  openedBy: readonly string[];
}

/** A field shown masked, and how. */
export interface MaskedField {
  path: string[];
  style: MaskStyle;
  coordinate: string;
}

/** What the gateway does with one operation for one consumer and purpose. */
export interface AuthorizationPlan {
  denied: DeniedField[];
  /** Response paths (as key lists) of the denied fields, for filter mode. */
  deniedPaths: string[][];
  masked: MaskedField[];
  /** Every coordinate read, with its decision: for the explanation and the access record. */
  decisions: Decision[];
  /** The response paths (as key lists, list levels left out) each coordinate is read at. */
  pathsOf: Map<string, string[][]>;
  /** Selections the gateway could not resolve against the schema (denied in every mode). */
  undecidable: string[];
  introspection: boolean;
}

/**
 * Decides every field an operation selects. A field selected through an interface is decided
 * for each object type it may resolve to, and the strictest decision wins.
 */
export function planOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  ability: PolicyAbility,
  classification: Classification,
): AuthorizationPlan {
  const { fields, undecidable, introspection } = selectedFields(schema, document, operation);
  const seen = new Set<string>();
  const plan: AuthorizationPlan = {
    denied: [],
    deniedPaths: [],
    masked: [],
    decisions: [],
    pathsOf: new Map(),
    undecidable: undecidable.map((u) => u.selection),
    introspection,
  };
  for (const { path, selection } of undecidable) {
    plan.denied.push({
      path: path.join('.'),
      coordinate: selection,
      reason: `The gateway cannot resolve ${selection} against the graph, so it is not read.`,
      openedBy: [],
    });
    plan.deniedPaths.push(path);
  }
  for (const field of fields) {
    // The same response key can be selected several times (directly and through fragments).
    const key = `${field.path.join('.')}\n${field.coordinates.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const decisions = field.coordinates.map((c) => {
      const [type, name] = c.split('.') as [string, string];
      return ability.decide(type, name);
    });
    plan.decisions.push(...decisions);
    for (const coordinate of field.coordinates) {
      const paths = plan.pathsOf.get(coordinate) ?? [];
      plan.pathsOf.set(coordinate, [...paths, field.path]);
    }
    const denied = decisions.find((d) => d.effect === 'deny');
    if (denied) {
      plan.denied.push({
        path: field.path.join('.'),
        coordinate: denied.coordinate,
        reason: denied.reason,
        openedBy: denied.openedBy,
      });
      plan.deniedPaths.push(field.path);
      continue;
    }
    const masked = decisions.find((d) => d.effect === 'mask');
    const style = masked && classification.get(masked.coordinate)?.mask;
    if (masked && style && style !== 'NONE') {
      plan.masked.push({ path: field.path, style, coordinate: masked.coordinate });
    }
  }
  return plan;
}
