/** How often SUPERGRAPH_URL is asked whether the supergraph changed (SUPERGRAPH_POLL_MS). */
export const DEFAULT_SUPERGRAPH_POLL_MS = 10_000;

/** How many of the serving generation's most run operations a new one plans before it goes live. */
export const DEFAULT_WARM_OPERATIONS = 50;
