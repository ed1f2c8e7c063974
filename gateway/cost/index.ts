export { actualCost } from './actual';
export { readCostDirectives } from './directives';
export type { CostDirectives, ListSize } from './directives';
export { estimateCost, SlicingArgumentError } from './estimate';
export type { CostOptions } from './estimate';
export { DEFAULT_COST_SETTINGS } from './options';
export type { CostMode, CostSettings } from './options';
export { demandControlPlugin } from './plugin';
