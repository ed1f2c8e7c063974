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
): Promise<Readiness> {
  const states = await Promise.all(
    endpoints.map(
      async (endpoint) =>
        [endpoint.name, (await answers(endpoint.url, timeoutMs)) ? 'up' : 'down'] as const,
    ),
  );
  return { ready: states.every(([, s]) => s === 'up'), subgraphs: Object.fromEntries(states) };
}

async function answers(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
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
