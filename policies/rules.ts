import { createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { packRules, unpackRules, type PackRule } from '@casl/ability/extra';

/** 'read': the field in full; 'read:masked': the field in its masking style. */
export type PolicyAction = 'read' | 'read:masked';

/** The CASL ability a consumer gets for one purpose: subjects are GraphQL type names. */
export type PolicyCaslAbility = MongoAbility<[PolicyAction, string]>;

/** One CASL rule: action, subject type, fields and resolved row conditions. */
export type PolicyRule = RawRuleOf<PolicyCaslAbility>;

/** A rule in CASL's packed form, as shipped to a department. */
export type PackedPolicyRule = PackRule<PolicyRule>;

/** Packs rules for shipping (CASL's packRules). */
export function packPolicyRules(rules: readonly PolicyRule[]): PackedPolicyRule[] {
  return packRules(rules);
}

/** What a department does with the rules the gateway ships: unpack them (CASL's unpackRules). */
export function unpackPolicyRules(packed: readonly PackedPolicyRule[]): PolicyRule[] {
  return unpackRules([...packed]);
}

/** A CASL ability over policy rules. */
export function createPolicyCaslAbility(rules: PolicyRule[]): PolicyCaslAbility {
  return createMongoAbility<PolicyCaslAbility>(rules);
}
