// Bound once: inside a vm context (jest) every global lookup of `Math` costs an interceptor call.
const { imul, floor } = Math;

/**
 * Seeded randomness. Every generated item draws from its own stream, derived from
 * (seed, label, index), so item k of any collection is computed without items 0..k-1.
 */

/** Murmur3's 32-bit finaliser: a cheap, well-mixing bijection on uint32. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h = imul(h ^ (h >>> 16), 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A uint32 that depends on all of seed, label and index (index: a non-negative integer). */
export function hash(seed: number, label: string, index: number): number {
  const seedHi = floor(seed / 0x100000000);
  const indexHi = floor(index / 0x100000000);
  let h = mix32(hashLabel(label) ^ mix32(seed >>> 0) ^ mix32(seedHi + 0x3c6ef372));
  h = mix32(h ^ (index >>> 0));
  return mix32(h + imul(indexHi, 0x9e3779b1));
}

/** A small, fast PRNG (mulberry32). */
export class Rng {
  private state: number;

  constructor(state: number) {
    this.state = state >>> 0;
  }

  /** A uniform uint32. */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform float in [0, 1). */
  float(): number {
    return this.uint32() / 0x100000000;
  }

  /** A uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + floor(this.float() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** A uniform element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[floor(this.float() * items.length)]!;
  }

  /** An element drawn with the weights of the table. */
  weighted<T>(table: WeightedTable<T>): T {
    return table.pick(this.float());
  }
}

/** The independent stream for item `index` of the collection `label`. */
export function stream(seed: number, label: string, index: number): Rng {
  return new Rng(hash(seed, label, index));
}

/** A weighted choice prepared once: picking is a binary search over cumulative weights. */
export class WeightedTable<T> {
  private readonly items: T[] = [];
  private readonly cumulative: number[] = [];

  constructor(entries: readonly (readonly [T, number])[]) {
    let total = 0;
    for (const [item, weight] of entries) {
      if (!(weight > 0)) continue;
      total += weight;
      this.items.push(item);
      this.cumulative.push(total);
    }
    if (this.items.length === 0) throw new RangeError('A weighted table needs a positive weight.');
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i]! /= total;
  }

  /** The item whose cumulative band contains `u`, a float in [0, 1). */
  pick(u: number): T {
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < this.cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** Shorthand for a table from a record of weights, e.g. `weights({ A: 3, B: 1 })`. */
export function weights<K extends string>(record: Record<K, number>): WeightedTable<K> {
  return new WeightedTable(Object.entries(record) as [K, number][]);
}
