import type { City } from './types';
import { appeal } from './appeals';
import { DATA_RESOURCE_LIST, SERVICE_ITEM_LIST } from './catalogue';
import type { CityContext } from './context';
import { DEPARTMENTS } from './departments';
import { DISTRICTS } from './districts';
import { enterprise } from './enterprises';
import { evaluation } from './evaluations';
import { birthCertificates, medicalVisits, vaccinations } from './health';
import { household } from './households';
import { createLayout } from './layout';
import { marriages } from './marriages';

export interface CityOptions {
  /** Any non-negative integer; the same seed and size always give the same city. */
  seed: number;
  /** About how many persons to generate (1 to MAX_PERSONS); the city holds at most 4 more. */
  persons: number;
}

/** A replayable iterable: each iteration calls `item(i)` for i = 0 .. count-1 afresh. */
function lazy<T>(count: number, item: (i: number) => T): Iterable<T> {
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < count; i++) yield item(i);
    },
  };
}

function replay<T>(generate: () => Generator<T>): Iterable<T> {
  return { [Symbol.iterator]: generate };
}

/**
 * The synthetic city for a seed and size. Nothing is generated up front: every iterable
 * computes its rows on demand, each row in O(1) from its own random stream, so a city of
 * millions iterates in constant memory and iterating twice gives the same rows.
 */
export function createCity(options: CityOptions): City {
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
    throw new RangeError(`A city seed is a non-negative integer; ${options.seed} was given.`);
  }
  const layout = createLayout(options.seed, options.persons);
  const context: CityContext = {
    seed: options.seed,
    layout,
    enterprises: Math.max(20, Math.round(options.persons / 20)),
    appeals: Math.max(30, Math.round(options.persons / 10)),
    evaluations: Math.max(50, Math.round(options.persons / 10)),
  };
  return {
    seed: options.seed,
    size: options.persons,
    districts: () => DISTRICTS.map(({ code, name }) => ({ code, name })),
    departments: () => DEPARTMENTS,
    households: () => lazy(layout.households, (h) => household(context, h)),
    marriages: () => replay(() => marriages(context)),
    birthCertificates: () => replay(() => birthCertificates(context)),
    vaccinations: () => replay(() => vaccinations(context)),
    medicalVisits: () => replay(() => medicalVisits(context)),
    enterprises: () => lazy(context.enterprises, (k) => enterprise(context, k)),
    appeals: () => lazy(context.appeals, (i) => appeal(context, i)),
    serviceItems: () => SERVICE_ITEM_LIST,
    evaluations: () => lazy(context.evaluations, (i) => evaluation(context, i)),
    dataResources: () => DATA_RESOURCE_LIST,
  };
}
