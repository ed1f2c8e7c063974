import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { RoundProfiler } from './cpu-profile';
import type { Fixtures } from './fixtures';
import type { Operation, OperationId } from './operations';
import { cpuMs, machineCpuMs, peakRssMb, treeCpuDeltaMs, treeCpuMs } from './proc';

/** Sum of the peak RSS of the node processes of a tree snapshot (not the loader's esbuild). */
function treePeakRssMb(tree: Map<number, number>): number {
  let total = 0;
  for (const pid of tree.keys()) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'esbuild') continue;
      total += peakRssMb(pid);
    } catch {
      // exited
    }
  }
  return total;
}
import type { Target, TargetName } from './targets';
import { paced, type Fired } from './paced';

/** How hard and how long one measurement pushes. */
export interface Load {
  connections: number;
  durationS: number;
  /** Requests per second, evenly spaced (paced.ts); none: each connection as fast as answered. */
  rate?: number;
}

/** Everything measured for one target × operation × round. */
export interface Sample {
  section: 'main' | 'scale' | 'datasets';
  target: TargetName;
  operation: OperationId;
  /** Entities per request (the persons list's page size), for the scale curve. */
  entities: number | null;
  /** Persons in the dataset. */
  persons: number;
  round: number;
  /** Responses received in the measured seconds. */
  requests: number;
  /** Requests sent, those abandoned in flight at the deadline included: the divisor of the per-request costs. */
  sent: number;
  durationS: number;
  rps: number;
  latencyMs: { p50: number; p99: number; mean: number; max: number };
  non2xx: number;
  /** Connection errors and timeouts (autocannon). */
  errors: number;
  /** 2xx responses whose body carries a GraphQL `errors` member. */
  graphqlErrors: number;
  /** CPU of the gateway process and its workers (GATEWAY_WORKERS, Hive's forks). */
  gatewayCpuMsPerReq: number | null;
  subgraphsCpuMsPerReq: number;
  loadGeneratorCpuMsPerReq: number;
  /** VmHWM of the gateway process after this round (its peak so far), summed over its workers. */
  gatewayPeakRssMb: number | null;
  sqlPerReq: number;
  /**
   * Whether the round counts: other processes used at most `--max-other-load` % of the
   * machine. A rejected round is kept in the JSON and rerun; the report uses accepted ones only.
   */
  accepted: boolean;
  /** Attempt of this round (1, then 2... for a round rerun because the machine was busy). */
  attempt: number;
  machine: {
    cpus: number;
    /** CPU busy over all cores during the round, in percent. */
    busyPercent: number;
    /** Of that, the share used by processes outside the bench (other work on the machine). */
    otherPercent: number;
    loadavgBefore: number[];
    loadavgAfter: number[];
  };
}

/** The processes and counters a measurement reads besides the target's own. */
export interface Probes {
  /** `--cpu-prof`: profiles the gateway over each round; null when off. */
  profiler: RoundProfiler | null;
  subgraphsPid: number;
  statsUrl: string;
  cpus: number;
}

/** One HTTP request of an operation against a target, with fresh variables each call. */
export function requestFor(
  target: Target,
  operation: Operation,
  fixtures: Fixtures,
): { url: string; headers: Record<string, string>; body: (random: () => number) => string } {
  const url =
    target.directUrls && operation.rootSubgraph
      ? target.directUrls[operation.rootSubgraph]
      : target.url;
  if (!url) throw new Error(`${target.name} cannot serve ${operation.id} on its own.`);
  const token = fixtures.tokens[operation.consumer];
  if (!token) throw new Error(`No token minted for ${operation.consumer}.`);
  return {
    url,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-purpose': operation.purpose,
    },
    body: (random) =>
      JSON.stringify({ query: operation.query, variables: operation.variables(fixtures, random) }),
  };
}

/**
 * Drives load for `load.durationS` seconds: as fast as answered on `connections` (autocannon),
 * or at the offered `rate` (paced.ts); counts GraphQL errors in 2xx bodies too.
 */
export async function fire(
  request: ReturnType<typeof requestFor>,
  random: () => number,
  load: Load,
): Promise<{ result: Fired; graphqlErrors: number }> {
  if (load.rate) return paced(request, random, { ...load, rate: load.rate });
  let graphqlErrors = 0;
  const result = await autocannon({
    url: request.url,
    connections: load.connections,
    duration: load.durationS,
    method: 'POST',
    headers: request.headers,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({ ...req, body: request.body(random) }),
        onResponse: (status, body) => {
          if (status < 300 && body.includes('"errors"')) graphqlErrors += 1;
        },
      },
    ],
  });
  return { result, graphqlErrors };
}

/** Measures one round of one target × operation, with the processes' CPU and SQL around it. */
export async function measure(
  target: Target,
  request: ReturnType<typeof requestFor>,
  random: () => number,
  load: Load,
  probes: Probes,
  labels: Pick<Sample, 'section' | 'target' | 'operation' | 'entities' | 'persons' | 'round'>,
): Promise<Omit<Sample, 'accepted' | 'attempt'>> {
  const pid = target.gateway?.pid;
  const loadavgBefore = loadavg();
  const before = {
    gateway: pid === undefined ? new Map<number, number>() : treeCpuMs(pid),
    subgraphs: cpuMs(probes.subgraphsPid),
    self: process.cpuUsage(),
    machine: machineCpuMs(),
    bench: treeCpuMs(process.pid),
    statements: await statements(probes.statsUrl),
  };
  const run = async () => {
    const fired = await fire(request, random, load);
    // autocannon stops reading at the deadline; the requests still in flight are finished by the
    // gateway and the departments afterwards. Wait for them, then count them (requests.sent).
    await settled(probes.statsUrl);
    return fired;
  };
  const name = `${labels.target}-${labels.section}-${labels.operation}${labels.entities ? `-${labels.entities}` : ''}-${labels.persons}-r${labels.round}-${Date.now()}`;
  const { result, graphqlErrors } =
    probes.profiler && pid !== undefined
      ? await probes.profiler.around({ name: labels.target, pid }, name, run)
      : await run();
  const after = {
    gateway: pid === undefined ? new Map<number, number>() : treeCpuMs(pid),
    subgraphs: cpuMs(probes.subgraphsPid),
    self: process.cpuUsage(before.self),
    machine: machineCpuMs(),
    bench: treeCpuMs(process.pid),
    statements: await statements(probes.statsUrl),
  };
  const machineMs = after.machine.total - before.machine.total;
  const requests = result.requests.total;
  const sent = Math.max(result.requests.sent, requests);
  const perRequest = (value: number) => (sent > 0 ? value / sent : NaN);
  return {
    ...labels,
    requests,
    sent,
    durationS: result.duration,
    rps: requests / result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p99: result.latency.p99,
      mean: result.latency.mean,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    graphqlErrors,
    gatewayCpuMsPerReq:
      pid === undefined ? null : perRequest(treeCpuDeltaMs(before.gateway, after.gateway)),
    subgraphsCpuMsPerReq: perRequest(after.subgraphs - before.subgraphs),
    loadGeneratorCpuMsPerReq: perRequest((after.self.user + after.self.system) / 1000),
    gatewayPeakRssMb: pid === undefined ? null : treePeakRssMb(after.gateway),
    sqlPerReq: perRequest(after.statements - before.statements),
    machine: {
      cpus: probes.cpus,
      busyPercent: (100 * (after.machine.busy - before.machine.busy)) / machineMs,
      otherPercent: Math.max(
        0,
        (100 *
          (after.machine.busy - before.machine.busy - treeCpuDeltaMs(before.bench, after.bench))) /
          machineMs,
      ),
      loadavgBefore,
      loadavgAfter: loadavg(),
    },
  };
}

/** Longest wait for in-flight requests to finish after a measurement, in milliseconds. */
export const SETTLE_TIMEOUT_MS = 10_000;

/** Resolves once the departments' statement count has stopped moving for 300 ms. */
async function settled(statsUrl: string): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let last = await statements(statsUrl);
  let quiet = 0;
  while (quiet < 3 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await statements(statsUrl);
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}

/** SQL statements all departments have sent so far. */
export async function statements(statsUrl: string): Promise<number> {
  const response = await fetch(statsUrl);
  const { statements } = (await response.json()) as { statements: number };
  return statements;
}
