import type { Fetcher, FetcherRequestInit } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../contracts/errors';
import { createBreaker, type Breaker, type BreakerState } from './breaker';
import { createBulkhead } from './bulkhead';
import type { UpstreamSettings } from './options';

/** The resilient calls toward every subgraph, and their breakers' states (for /metrics). */
export interface Upstream {
  /** Wraps the fetcher of one subgraph; each attempt calls `fetcher` afresh (and is signed afresh). */
  wrap(subgraph: string, fetcher: Fetcher): Fetcher;
  breakerStates(): ReadonlyMap<string, BreakerState>;
}

/**
 * Per subgraph: a bulkhead (calls in flight and waiting), a circuit breaker, a timeout, and
 * one retry of a query (never of a mutation) that failed without an answer. Failures are
 * GraphQLErrors the gateway puts beside the data the other subgraphs returned (a 200 with
 * partial data): SUBGRAPH_TIMEOUT, SUBGRAPH_UNAVAILABLE, SUBGRAPH_CIRCUIT_OPEN.
 */
export function createUpstream(settings: UpstreamSettings): Upstream {
  const breakers = new Map<string, Breaker>();
  return {
    breakerStates: () => new Map([...breakers].map(([name, b]) => [name, b.state()])),
    wrap(subgraph, fetcher) {
      const breaker = createBreaker(settings.breaker);
      breakers.set(subgraph, breaker);
      const bulkhead = createBulkhead(settings.maxConcurrent, settings.maxQueued);
      const timeoutMs = settings.timeouts[subgraph] ?? settings.timeoutMs;
      const attempt = async (url: string, init: FetcherRequestInit) => {
        if (!breaker.allow()) throw failure(subgraph, 'SUBGRAPH_CIRCUIT_OPEN');
        if (!(await bulkhead.acquire())) throw failure(subgraph, 'SUBGRAPH_UNAVAILABLE');
        // A timer cleared when the call ends: AbortSignal.timeout's stays armed for the whole
        // timeout after every call, thousands of live timers and signals under load.
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(), timeoutMs);
        const signal = init.signal
          ? AbortSignal.any([init.signal, timeout.signal])
          : timeout.signal;
        try {
          const response = await fetcher(url, { ...init, signal });
          breaker.record(response.status < 500);
          return response;
        } catch (error) {
          breaker.record(false);
          if (timeout.signal.aborted) throw failure(subgraph, 'SUBGRAPH_TIMEOUT', timeoutMs);
          if (!(error instanceof GraphQLError)) throw failure(subgraph, 'SUBGRAPH_UNAVAILABLE');
          if (error.extensions.code !== ErrorCode.SUBGRAPH_UNAVAILABLE) throw error;
          // Partial data is a 200: the message stays, the transport status goes.
          throw new GraphQLError(error.message, {
            extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph },
          });
        } finally {
          clearTimeout(timer);
          bulkhead.release();
        }
      };
      return async (url, init = {}) => {
        try {
          return await attempt(url, init);
        } catch (error) {
          const code = error instanceof GraphQLError ? error.extensions.code : undefined;
          if (code !== ErrorCode.SUBGRAPH_UNAVAILABLE || !isQuery(init.body)) throw error;
          return attempt(url, init);
        }
      };
    },
  };
}

function failure(
  subgraph: string,
  code: 'SUBGRAPH_TIMEOUT' | 'SUBGRAPH_UNAVAILABLE' | 'SUBGRAPH_CIRCUIT_OPEN',
  timeoutMs?: number,
): GraphQLError {
  const message = {
    SUBGRAPH_TIMEOUT: `The ${subgraph} subgraph did not answer within ${timeoutMs} ms; its fields are missing.`,
    SUBGRAPH_UNAVAILABLE: `The ${subgraph} subgraph is unavailable or busy; its fields are missing. Try again later.`,
    SUBGRAPH_CIRCUIT_OPEN: `Calls to the ${subgraph} subgraph are paused after repeated failures; its fields are missing. Try again in a few seconds.`,
  }[code];
  return new GraphQLError(message, {
    extensions: { code: ErrorCode[code], subgraph },
  });
}

/** A retry is safe for a query only: the gateway sends each subgraph one operation per call. */
function isQuery(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  try {
    const query = (JSON.parse(body) as { query?: unknown }).query;
    return typeof query === 'string' && /^\s*(query\b|\{)/.test(query);
  } catch {
    return false;
  }
}
