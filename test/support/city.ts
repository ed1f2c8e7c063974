/** The city every integration test reads: small enough to seed in seconds, big enough to page. */
export const TEST_CITY = { seed: 20261124, persons: 3000 } as const;
