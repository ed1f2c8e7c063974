import { z } from 'zod';

/** The seed of the default synthetic city. */
export const DEFAULT_CITY_SEED = 20261124;
/** Persons in the default city: seeds in seconds, big enough to page through. */
export const DEFAULT_CITY_PERSONS = 20_000;
/** The largest city the generator is asked for (benchmarks use 1,000,000). */
export const MAX_CITY_PERSONS = 5_000_000;

export interface CityOptions {
  seed: number;
  persons: number;
}

const schema = z.object({
  seed: z.coerce
    .number()
    .int()
    .nonnegative()
    .max(2 ** 31 - 1)
    .default(DEFAULT_CITY_SEED),
  persons: z.coerce.number().int().min(100).max(MAX_CITY_PERSONS).default(DEFAULT_CITY_PERSONS),
});

/** CITY_SEED and CITY_PERSONS from the environment, validated. */
export function cityOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): CityOptions {
  const parsed = schema.safeParse({ seed: env.CITY_SEED, persons: env.CITY_PERSONS });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path[0] === 'seed' ? 'CITY_SEED' : 'CITY_PERSONS'}: ${i.message}`,
    );
    throw new Error(`Invalid synthetic city settings: ${problems.join('; ')}`);
  }
  return parsed.data;
}
