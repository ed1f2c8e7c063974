import { request } from 'undici';
import type { SubgraphEndpoint } from '../supergraph';

export interface Readiness {
  ready: boolean;
  subgraphs: Record<string, 'up' | 'down'>;
}

/** Ready when every subgraph answers a trivial GraphQL query within the timeout. */
export async function checkReadiness(
  endpoints: readonly SubgraphEndpoint[],
  timeoutMs: number,
  sign: (subgraph: string, body: string) => Promise<Record<string, string>>,
): Promise<Readiness> {
  const states = await Promise.all(
    endpoints.map(
      async (endpoint) =>
        [endpoint.name, (await answers(endpoint, timeoutMs, sign)) ? 'up' : 'down'] as const,
    ),
  );
  return { ready: states.every(([, s]) => s === 'up'), subgraphs: Object.fromEntries(states) };
}

const PROBE = '{"query":"{ __typename }"}';

async function answers(
  endpoint: SubgraphEndpoint,
  timeoutMs: number,
  sign: (subgraph: string, body: string) => Promise<Record<string, string>>,
): Promise<boolean> {
  try {
    const response = await request(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await sign(endpoint.name, PROBE)) },
      body: PROBE,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.body.json()) as { data?: { __typename?: string } };
    return response.statusCode === 200 && body.data?.__typename === 'Query';
  } catch {
    return false;
  }
}
