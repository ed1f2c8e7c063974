import { DEFAULT_CITY_PERSONS, DEFAULT_CITY_SEED } from '../../fixtures/city/dataset';

/**
 * The city every integration test reads: the default city `npm start` serves, so the example
 * operations' variables (schema/examples/*.json) are tested on exactly the data users get.
 */
export const TEST_CITY = { seed: DEFAULT_CITY_SEED, persons: DEFAULT_CITY_PERSONS } as const;
