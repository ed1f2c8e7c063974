import { stream } from './random';
import { IDENTITY_CAPACITY, newbornStride } from './identity';

/**
 * Where every person sits. Household sizes follow a seeded pattern that repeats every
 * PERIOD households, so the person ordinal of (household, slot) is O(1) arithmetic: no pass
 * over earlier households is ever needed, and ordinals are dense (0 .. persons-1).
 */

const PERIOD = 1000;
/** Households of size 1..5 per PERIOD households (mean size 2.77). */
const SIZE_COUNTS = [150, 300, 280, 170, 100];

export interface Layout {
  readonly households: number;
  readonly persons: number;
  /** Number of members of household h (1..5). */
  sizeOf(h: number): number;
  /** Dense person ordinal of member `slot` of household h. */
  ordinal(h: number, slot: number): number;
  /** Households h with h % newbornStride === 0 may hold a newborn. */
  readonly newbornStride: number;
}

/** The largest city createCity accepts: beyond it resident ID numbers could not all be unique. */
export const MAX_PERSONS = IDENTITY_CAPACITY - 5;

/** Lays out households for about `persons` persons (never fewer, at most 4 more). */
export function createLayout(seed: number, persons: number): Layout {
  if (!Number.isInteger(persons) || persons < 1 || persons > MAX_PERSONS) {
    throw new RangeError(`A city has 1 to ${MAX_PERSONS} persons; ${persons} was asked for.`);
  }
  const sizes = new Uint8Array(PERIOD);
  let filled = 0;
  SIZE_COUNTS.forEach((count, i) => {
    sizes.fill(i + 1, filled, filled + count);
    filled += count;
  });
  const rng = stream(seed, 'layout', 0);
  for (let i = PERIOD - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [sizes[i], sizes[j]] = [sizes[j]!, sizes[i]!];
  }
  const prefix = new Uint32Array(PERIOD + 1);
  for (let i = 0; i < PERIOD; i++) prefix[i + 1] = prefix[i]! + sizes[i]!;
  const perPeriod = prefix[PERIOD]!;

  const periods = Math.floor(persons / perPeriod);
  let rest = 0;
  while (prefix[rest]! < persons - periods * perPeriod) rest++;
  const households = periods * PERIOD + rest;

  return {
    households,
    persons: periods * perPeriod + prefix[rest]!,
    sizeOf: (h) => sizes[h % PERIOD]!,
    ordinal: (h, slot) => Math.floor(h / PERIOD) * perPeriod + prefix[h % PERIOD]! + slot,
    newbornStride: newbornStride(households),
  };
}
