import type { Layout } from './layout';

/** What every generator needs to know about the city it belongs to. */
export interface CityContext {
  readonly seed: number;
  readonly layout: Layout;
  readonly enterprises: number;
  readonly appeals: number;
  readonly evaluations: number;
}
