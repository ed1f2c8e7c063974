export type {
  Classification,
  Consumer,
  Decision,
  FieldLabel,
  MaskStyle,
  PersonalInfo,
  SharingClass,
} from './types';
export type {
  Access,
  Grant,
  GrantConsumer,
  PolicySet,
  Purpose,
  RowConditions,
  RowScalar,
  RowValue,
} from './policy-set';
export { DEFAULT_POLICIES_DIR, loadPolicies, parsePolicies } from './load';
export type { PolicySource } from './yaml-source';
export { DEFAULT_ABILITY_CACHE_SIZE, createPolicyEngine } from './engine';
export { consumerKey } from './consumers';
export type { PolicyEngine, PolicyEngineOptions } from './engine';
export type { PolicyAbility } from './ability';
export { createPolicyCaslAbility, packPolicyRules, unpackPolicyRules } from './rules';
export type { PackedPolicyRule, PolicyAction, PolicyCaslAbility, PolicyRule } from './rules';
export { rowConditionsToSql } from './row-sql';
export type { SqlCondition } from './row-sql';
export { maskValue } from './mask';
export { lintPolicies } from './lint';
export type { LintFinding } from './lint';
export { whoCanRead } from './who-can';
export type { Reader } from './who-can';
export { describeConsumer, describeGrantConsumer } from './consumers';
export { isExpired } from './expiry';
export { unownedReason } from './explain';
export { grantOpenings, splitCoordinate } from './openings';
export type { Opening, Refusal } from './openings';
export { candidatesLeft } from './linkage';
export { FIELD_FACTS, LOOKUPS, MIN_CANDIDATES, SAME_VALUE, VALUE_MODELS } from './linkage-model';
export type { PersonFact, ValueModel, ValuePart } from './linkage-model';
export { KEPT, keptPositions } from './mask-keeps';
