export { measureDocument } from './measure';
export type { OperationMeasures } from './measure';
export { DEFAULT_OPERATION_LIMITS } from './options';
export type { OperationLimits } from './options';
export { operationLimits } from './plugin';
export type { OperationLimitsSetup } from './plugin';
export type { LimitKind } from './refusal';
