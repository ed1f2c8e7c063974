import { Pool } from 'undici';
import { percentile } from './stats';

/** Milliseconds a request may wait for its answer before it counts as an error. */
const TIMEOUT_MS = 10_000;

/** What one load run measured: the subset of autocannon's result the bench reads. */
export interface Fired {
  requests: { total: number; sent: number };
  /** Seconds measured. */
  duration: number;
  latency: { p50: number; p99: number; mean: number; max: number };
  non2xx: number;
  errors: number;
}

/** One request of an operation, with fresh variables per call (measure.ts `requestFor`). */
export interface PacedRequest {
  url: string;
  headers: Record<string, string>;
  body: (random: () => number) => string;
}

/**
 * An open-loop load at `rate` requests per second, evenly spaced, for `durationS` seconds, on
 * at most `connections` keep-alive connections: a request is sent at its scheduled time whether
 * or not the ones before it were answered (one without a free connection waits in the pool's
 * queue), and its latency runs from that scheduled time, so a slow answer is never hidden by
 * sending less (no coordinated omission). autocannon's `overallRate` is not used: each of its
 * connections sends its share of a second's quota as fast as answered from the start of the
 * second, then idles, which is bursts of saturation, not an even load. A request unanswered
 * after 10 s (autocannon's default) counts as an error. Counts 2xx bodies carrying a GraphQL
 * `errors` member.
 */
export async function paced(
  request: PacedRequest,
  random: () => number,
  load: { rate: number; durationS: number; connections: number },
): Promise<{ result: Fired; graphqlErrors: number }> {
  const target = new URL(request.url);
  const pool = new Pool(target.origin, {
    connections: load.connections,
    pipelining: 1,
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
  });
  const path = target.pathname + target.search;
  const intervalMs = 1000 / load.rate;
  const total = Math.max(1, Math.round(load.rate * load.durationS));
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let graphqlErrors = 0;
  const inFlight: Promise<void>[] = [];
  const startedAt = performance.now();
  const send = async (scheduledAt: number) => {
    try {
      const response = await pool.request({
        path,
        method: 'POST',
        headers: request.headers,
        body: request.body(random),
      });
      const text = await response.body.text();
      latencies.push(performance.now() - scheduledAt);
      if (response.statusCode >= 300) non2xx += 1;
      else if (text.includes('"errors"')) graphqlErrors += 1;
    } catch {
      errors += 1;
    }
  };
  for (let i = 0; i < total; i++) {
    const due = startedAt + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(due));
  }
  await Promise.all(inFlight);
  const duration = (performance.now() - startedAt) / 1000;
  await pool.close();
  return {
    result: {
      requests: { total: latencies.length, sent: total },
      duration,
      latency: summary(latencies),
      non2xx,
      errors,
    },
    graphqlErrors,
  };
}

/** Nearest-rank percentiles, mean and max of latencies in ms (two decimals, as autocannon). */
function summary(latencies: number[]): Fired['latency'] {
  if (latencies.length === 0) return { p50: NaN, p99: NaN, mean: NaN, max: NaN };
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => percentile(sorted, p / 100);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  const mean = sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
  return { p50: round(at(50)), p99: round(at(99)), mean: round(mean), max: round(sorted.at(-1)!) };
}
