/** enforce: an operation dearer than its consumer's maximum is refused; measure: only reported. */
export type CostMode = 'measure' | 'enforce';

/** Whether operations over their cost are refused (enforce) or only measured. */
export const DEFAULT_COST_MODE: CostMode = 'enforce';
/** Largest estimated cost of one operation by an official (a 5,000-row page of objects fits; 40 do not). */
export const DEFAULT_COST_MAX_OFFICIAL = 10_000;
/** Largest estimated cost of one operation by a citizen. */
export const DEFAULT_COST_MAX_CITIZEN = 1_000;
/** Largest estimated cost of one operation by an anonymous caller. */
export const DEFAULT_COST_MAX_ANONYMOUS = 100;
/** Size assumed for a list that declares no @listSize. */
export const DEFAULT_COST_LIST_SIZE = 100;
/** Weight of a mutation's root field without @cost (the IBM specification's 10). */
export const MUTATION_WEIGHT = 10;

/** Demand control: the mode, and the largest estimate per consumer class (Consumer.kind). */
export interface CostSettings {
  mode: CostMode;
  max: { official: number; citizen: number; anonymous: number };
  defaultListSize: number;
}

export const DEFAULT_COST_SETTINGS: Readonly<CostSettings> = Object.freeze({
  mode: DEFAULT_COST_MODE,
  max: {
    official: DEFAULT_COST_MAX_OFFICIAL,
    citizen: DEFAULT_COST_MAX_CITIZEN,
    anonymous: DEFAULT_COST_MAX_ANONYMOUS,
  },
  defaultListSize: DEFAULT_COST_LIST_SIZE,
});
