/**
 * The policy engine: load the purpose catalogue and the grants, compile an ability per
 * consumer and purpose, decide fields, ship row rules, mask values. Tooling (lint, who-can,
 * explanations) is in ./tooling.ts.
 */
export type { Classification, Consumer, Decision, FieldLabel, MaskStyle } from './types';
export type {
  Access,
  Grant,
  GrantConsumer,
  GrantQuota,
  PolicySet,
  Purpose,
  RowConditions,
} from './policy-set';
export { DEFAULT_POLICIES_DIR, loadPolicies, parsePolicies } from './load';
export { DEFAULT_ABILITY_CACHE_SIZE, createPolicyEngine } from './engine';
export type { PolicyEngine, PolicyEngineOptions } from './engine';
export type { PolicyAbility } from './ability';
export { consumerKey } from './consumers';
export { createPolicyCaslAbility, packPolicyRules, unpackPolicyRules } from './rules';
export type { PackedPolicyRule, PolicyAction, PolicyRule } from './rules';
export { rowConditionsToSql } from './row-sql';
export type { RowColumn } from './row-sql';
export { maskValue } from './mask';
export { isExpired } from './expiry';
export {
  DEFAULT_DOCUMENTS_DIR,
  TRUSTED_DOCUMENT_MODES,
  documentId,
  loadDocumentManifests,
  parseDocumentManifests,
} from './documents';
export type { DocumentManifest, TrustedDocumentMode } from './documents';
