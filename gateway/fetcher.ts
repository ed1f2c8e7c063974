import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, Headers, request } from 'undici';

/** Options of the HTTP client toward subgraphs. */
export interface SubgraphClientOptions {
  /** Open connections kept per subgraph origin. */
  connections?: number;
  /** Milliseconds an idle keep-alive connection is kept. */
  keepAliveTimeout?: number;
  /** Milliseconds before a subgraph call is abandoned. */
  timeout?: number;
}

export const DEFAULT_SUBGRAPH_CONNECTIONS = 64;
export const DEFAULT_SUBGRAPH_KEEP_ALIVE_MS = 30_000;
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 30_000;

/**
 * A keep-alive undici client shaped as the Fetcher @apollo/gateway expects. undici's
 * `request` is its fastest API; the response is buffered (subgraph answers are JSON).
 */
export function createSubgraphFetcher(options: SubgraphClientOptions = {}): {
  fetcher: Fetcher;
  close(): Promise<void>;
} {
  const timeout = options.timeout ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
  const agent = new Agent({
    connections: options.connections ?? DEFAULT_SUBGRAPH_CONNECTIONS,
    keepAliveTimeout: options.keepAliveTimeout ?? DEFAULT_SUBGRAPH_KEEP_ALIVE_MS,
    headersTimeout: timeout,
    bodyTimeout: timeout,
  });
  const fetcher: Fetcher = async (url: string, init: FetcherRequestInit = {}) => {
    const response = await request(url, {
      method: (init.method ?? 'GET') as 'GET' | 'POST',
      headers: init.headers,
      body: init.body,
      dispatcher: agent,
      signal: init.signal,
    });
    const text = await response.body.text();
    return bufferedResponse(url, response.statusCode, response.headers, text);
  };
  return { fetcher, close: () => agent.close() };
}

function bufferedResponse(
  url: string,
  status: number,
  rawHeaders: Record<string, string | string[] | undefined>,
  text: string,
): FetcherResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(rawHeaders)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const response: FetcherResponse = {
    bodyUsed: false,
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText: String(status),
    headers,
    text: async () => text,
    json: async () => JSON.parse(text),
    arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer,
    clone: () => bufferedResponse(url, status, rawHeaders, text),
  };
  return response;
}
