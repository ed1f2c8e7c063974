/**
 * The policy tooling: what `npm run policy` and the data bureau's policy catalogue use to lint,
 * explain and search the grants. The gateway needs none of it (its entry point is ./index.ts).
 */
export { lintPolicies } from './lint';
export { lintGrantDocuments } from './documents-lint';
export type { LintFinding } from './lint';
export { conditionsOf, lintCatalogue, loadCatalogue } from './catalogue-lint';
export type { DepartmentConditions, FieldConditions, SharingCatalogue } from './catalogue-lint';
export { whoCanRead } from './who-can';
export type { Reader } from './who-can';
export { describeConsumer, describeGrantConsumer } from './consumers';
export { grantOpenings, splitCoordinate } from './openings';
export type { Opening, Refusal } from './openings';
export { candidatesLeft } from './linkage';
export { FIELD_FACTS, LOOKUPS, MIN_CANDIDATES, SAME_VALUE, VALUE_MODELS } from './linkage-model';
export type { PersonFact, ValueModel, ValuePart } from './linkage-model';
export { KEPT, keptPositions } from './mask-keeps';
export { unownedReason } from './explain';
export { diffPolicies } from './diff';
export type { PolicyChange } from './diff';
