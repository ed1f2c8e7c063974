import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { selectedFields } from '../../gateway/authorization/operation';
import { planOperation } from '../../gateway/authorization/plan';
import type { Classification, Decision, MaskStyle, PolicyAbility } from '../../policies';

/** What the gateway does with one selected field, by response path. */
export interface FieldDecision {
  /** Response keys (aliases kept), list levels left out: 'applicant.idNumber'. */
  path: string;
  /** The coordinate decided: for an interface field, the strictest of its object types. */
  coordinate: string;
  effect: 'allowed' | 'masked' | 'denied';
  /** The masking style, for masked fields. */
  mask: MaskStyle | null;
  /** The grant behind it; null when denied or when no grant is needed (UNCONDITIONAL). */
  grantId: string | null;
  reason: string;
  /** Grants that open the field for some consumer and purpose. */
  openedBy: readonly string[];
}

/**
 * Every field of an operation with the decision the gateway enforces: the gateway's own plan
 * decides (aliases, fragments, interfaces), this only lays it out by response path.
 */
export function decideFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  ability: PolicyAbility,
  classification: Classification,
): { fields: FieldDecision[]; introspection: boolean } {
  const plan = planOperation(schema, document, operation, ability, classification);
  const fields: FieldDecision[] = [];
  const seen = new Set<string>();
  for (const field of selectedFields(schema, document, operation).fields) {
    const path = field.path.join('.');
    const key = `${path} ${field.coordinates.join(' ')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const covers = (coordinate: string) => field.coordinates.includes(coordinate);
    const denied = plan.denied.find((d) => d.path === path && covers(d.coordinate));
    if (denied) {
      const { coordinate, reason, openedBy } = denied;
      fields.push({
        path,
        coordinate,
        effect: 'denied',
        mask: null,
        grantId: null,
        reason,
        openedBy,
      });
      continue;
    }
    const masked = plan.masked.find((m) => m.path.join('.') === path && covers(m.coordinate));
    const decisions = field.coordinates.map((c) => decide(ability, masked?.coordinate ?? c));
    const decision = decisions.find((d) => d.effect === 'mask') ?? decisions[0]!;
    fields.push({
      path,
      coordinate: decision.coordinate,
      effect: masked ? 'masked' : 'allowed',
      mask: masked?.style ?? null,
      grantId: decision.grantId,
      reason:
        !masked && decision.effect === 'mask'
          ? `${decision.reason} It has no masking style, so the gateway shows it in full.`
          : decision.reason,
      openedBy: decision.openedBy,
    });
  }
  return { fields, introspection: plan.introspection };
}

function decide(ability: PolicyAbility, coordinate: string): Decision {
  const dot = coordinate.indexOf('.');
  return ability.decide(coordinate.slice(0, dot), coordinate.slice(dot + 1));
}
