import type { CompiledRules } from './compile';
import { allowReason, denyReason, maskReason, type ReasonContext } from './explain';
import type { OpenedByIndex } from './opened-by';
import {
  createPolicyCaslAbility,
  packPolicyRules,
  type PackedPolicyRule,
  type PolicyCaslAbility,
  type PolicyRule,
} from './rules';
import type { Classification, Consumer, Decision } from './types';

/** What one consumer may read under one purpose. */
export interface PolicyAbility {
  readonly consumer: Consumer;
  readonly purpose: string;
  /** The CASL ability: actions 'read' and 'read:masked', subjects are type names. */
  readonly casl: PolicyCaslAbility;
  /** Whether the field may be read in full, only masked, or not at all, and why. Deny by default. */
  decide(type: string, field: string): Decision;
  /**
   * The packed CASL rules for these subject types, to ship to a department; with `provider`,
   * only the rules opening that department's fields (the rows it must enforce).
   */
  rulesFor(types: readonly string[], provider?: string): PackedPolicyRule[];
  /**
   * The packed rules of other departments opening the fields `borrowed` names (type → fields a
   * department resolves but does not own, such as the Person.id of a reference), narrowed to
   * those fields: what decides whether the department may hand such a value out.
   */
  borrowedRulesFor(
    borrowed: ReadonlyMap<string, readonly string[]>,
    provider: string,
  ): PackedPolicyRule[];
}

/** What an ability needs beyond its compiled rules. */
export interface AbilityContext {
  readonly consumer: Consumer;
  readonly purpose: string;
  readonly purposeKnown: boolean;
  readonly classification: Classification;
  readonly openedBy: OpenedByIndex;
}

/** Wraps compiled rules in one CASL ability with decisions and reasons. */
export function createPolicyAbility(
  compiled: CompiledRules,
  context: AbilityContext,
): PolicyAbility {
  const casl = createPolicyCaslAbility(compiled.rules.map((r) => r.rule));
  const grantOf = new Map<PolicyRule, string | null>(
    compiled.rules.map((r) => [r.rule, r.grantId]),
  );
  const decisions = new Map<string, Decision>();

  function decide(type: string, field: string): Decision {
    const coordinate = `${type}.${field}`;
    let decision = decisions.get(coordinate);
    if (!decision) {
      decision = evaluate(type, field, coordinate);
      decisions.set(coordinate, Object.freeze(decision));
    }
    return decision;
  }

  function evaluate(type: string, field: string, coordinate: string): Decision {
    const openers = context.openedBy.get(coordinate) ?? [];
    const reasonContext: ReasonContext = {
      ...context,
      coordinate,
      label: context.classification.get(coordinate),
      openers,
      notes: compiled.notes.get(coordinate) ?? [],
    };
    const openedBy = openers.map((o) => o.grantId);
    // A field without an owner is opened by no grant: deny it whatever the rules say.
    if (reasonContext.label && reasonContext.label.owner !== null) {
      const full = casl.relevantRuleFor('read', type, field);
      if (full) {
        const grantId = grantOf.get(full.origin as PolicyRule) ?? null;
        return {
          effect: 'allow',
          coordinate,
          grantId,
          reason: allowReason(reasonContext, grantId),
          openedBy,
        };
      }
      const masked = casl.relevantRuleFor('read:masked', type, field);
      if (masked) {
        const grantId = grantOf.get(masked.origin as PolicyRule) ?? null;
        return {
          effect: 'mask',
          coordinate,
          grantId,
          reason: maskReason(reasonContext, grantId),
          openedBy,
        };
      }
    }
    return {
      effect: 'deny',
      coordinate,
      grantId: null,
      reason: denyReason(reasonContext),
      openedBy,
    };
  }

  function rulesFor(types: readonly string[], provider?: string): PackedPolicyRule[] {
    const wanted = new Set(types);
    const rules = compiled.rules
      .filter(
        (r) =>
          wanted.has(r.rule.subject as string) &&
          (provider === undefined || r.provider === provider),
      )
      .map((r) => r.rule);
    return packPolicyRules(rules);
  }

  function borrowedRulesFor(
    borrowed: ReadonlyMap<string, readonly string[]>,
    provider: string,
  ): PackedPolicyRule[] {
    const rules = compiled.rules.flatMap(({ rule, provider: owner }): PolicyRule[] => {
      const wanted = borrowed.get(rule.subject as string);
      if (!wanted || owner === provider) return [];
      const fields =
        rule.fields === undefined
          ? [...wanted]
          : wanted.filter((f) => [rule.fields!].flat().includes(f));
      return fields.length > 0 ? [{ ...rule, fields }] : [];
    });
    return packPolicyRules(rules);
  }

  return Object.freeze({
    consumer: context.consumer,
    purpose: context.purpose,
    casl,
    decide,
    rulesFor,
    borrowedRulesFor,
  });
}
