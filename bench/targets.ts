import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SUPERGRAPH_PATH } from '../gateway/config';
import { HIVE_BIN, HIVE_ROUTER_RUNTIME, PEER_NODE, peersMissing } from './peers';
import { freePort, startNode, waitForHttp, type Child } from './processes';
import type { SubgraphsReady } from './subgraphs';

export const TARGET_NAMES = [
  'direct',
  'stock',
  'ours',
  'ours-no-identity',
  'ours-no-policy',
  'ours-no-masking',
  'ours-no-records',
  'ours-no-controls',
  'ours-live',
  'ours-live-no-pinning',
  'hive',
  'hive-rust',
] as const;
/** `ours` on N gateway processes (GATEWAY_WORKERS=N), from `--workers`. */
export type WorkersTarget = `ours-w${number}`;
export type TargetName = (typeof TARGET_NAMES)[number] | WorkersTarget;

/** The target that runs `ours` on `workers` processes (`ours` itself for one). */
export function workersTarget(workers: number): 'ours' | WorkersTarget {
  return workers === 1 ? 'ours' : `ours-w${workers}`;
}

function workersOf(name: TargetName): number | null {
  const match = /^ours-w(\d+)$/.exec(name);
  return match ? Number(match[1]) : null;
}

/** A running system under test: where to send the operations, and which process to watch. */
export interface Target {
  name: TargetName;
  /** GraphQL endpoint; for `direct`, the open departments' URLs by subgraph name. */
  url: string;
  directUrls?: Readonly<Record<string, string>>;
  /** The gateway process (CPU, RSS); absent for `direct`. */
  gateway?: Child;
}

/** What every target is started from. */
export interface TargetInputs {
  subgraphs: SubgraphsReady;
  /** The private half of the context key the secured departments verify with. */
  contextPrivateKeyFile: string;
  /** Scratch directory for the rewritten supergraph. */
  workDir: string;
  /** Redis for the rates and quotas of `ours*`, or null when none answers (each gateway counts in memory). */
  redisUrl: string | null;
  /** `--cpu-prof`: where the `ours*` gateways write a CPU profile of each measured round, or null. */
  cpuProfileDir: string | null;
}

/** Milliseconds a gateway may take to start and answer. */
export const GATEWAY_START_TIMEOUT_MS = 60_000;

/** Why a target cannot run here, or null. */
export function unavailable(name: TargetName): string | null {
  if (name === 'hive') return peersMissing([PEER_NODE, HIVE_BIN]);
  if (name === 'hive-rust') return peersMissing([PEER_NODE, HIVE_BIN, HIVE_ROUTER_RUNTIME]);
  return null;
}

/** Starts one target over the given subgraphs; resolves once it answers. */
export async function startTarget(name: TargetName, inputs: TargetInputs): Promise<Target> {
  if (name === 'direct') return { name, url: '', directUrls: inputs.subgraphs.open };
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const gateway = startGatewayProcess(name, port, inputs);
  try {
    await waitForHttp(gateway, url, GATEWAY_START_TIMEOUT_MS);
  } catch (error) {
    await gateway.stop();
    throw error;
  }
  return { name, url, gateway };
}

function startGatewayProcess(
  name: Exclude<TargetName, 'direct'>,
  port: number,
  inputs: TargetInputs,
): Child {
  const env = { GATEWAY_PORT: String(port) };
  const workers = workersOf(name);
  if (workers !== null) return startOurs(name, 'ours', env, inputs, workers);
  const fixed = name as Exclude<TargetName, WorkersTarget | 'direct'>;
  switch (fixed) {
    case 'stock':
      return startNode(fixed, 'bench/stock-gateway.ts', {
        env: { ...env, SUPERGRAPH_PATH: openSupergraph(inputs) },
      });
    case 'hive':
    case 'hive-rust':
      // One process, as `ours` (Hive forks workers only when told); the Rust planner by its flag.
      return startNode(fixed, HIVE_BIN, {
        node: PEER_NODE,
        args: [
          'supergraph',
          openSupergraph(inputs),
          '--host',
          '127.0.0.1',
          '--port',
          String(port),
          '--fork',
          '1',
          ...(fixed === 'hive-rust' ? ['--hive-router-runtime'] : []),
        ],
        env,
      });
    case 'ours':
    case 'ours-no-identity':
    case 'ours-no-policy':
    case 'ours-no-masking':
    case 'ours-no-records':
    case 'ours-no-controls':
    case 'ours-live':
    case 'ours-live-no-pinning':
      return startOurs(fixed, fixed, env, inputs, 1);
    default: {
      const never: never = fixed;
      throw new Error(`Unknown target ${String(never)}`);
    }
  }
}

/** `ours` or one of its variants, on `workers` gateway processes. */
function startOurs(
  name: TargetName,
  variant: Extract<TargetName, `ours${string}`>,
  env: NodeJS.ProcessEnv,
  inputs: TargetInputs,
  workers: number,
): Child {
  return startNode(name, 'bench/gateway.ts', {
    env: {
      ...env,
      ...(variant.startsWith('ours-live') && {
        // The policy store in the bench's PostgreSQL (bench/gateway.ts imports the files
        // first), followed by NOTIFY and polling, each revision acknowledged.
        POLICY_SOURCE: 'db',
        POLICY_DATABASE_URL: inputs.subgraphs.storeUrl,
      }),
      SUBGRAPH_URLS: Object.entries(inputs.subgraphs.secured)
        .map(([subgraph, url]) => `${subgraph}=${url}`)
        .join(','),
      CONTEXT_PRIVATE_KEY_FILE: inputs.contextPrivateKeyFile,
      LOG_LEVEL: 'warn',
      // Access records go to the bench's PostgreSQL, one hash chain per gateway, as npm start does.
      RECORDS_DATABASE_URL: inputs.subgraphs.storeUrl,
      RECORD_STREAM_ID: `bench-${name}`,
      GATEWAY_WORKERS: String(workers),
      BENCH_TARGET: name,
      // One process only: the profiler listens in the process the orchestrator signals.
      BENCH_CPU_PROFILE_DIR: workers === 1 ? (inputs.cpuProfileDir ?? undefined) : undefined,
      // Stopped between sections: no drain wait.
      SHUTDOWN_DRAIN_MS: '0',
      BENCH_VARIANT: benchVariant(variant),
      // Rate limits stay on (their cost is measured) but high enough that one bench official is never refused.
      RATE_LIMIT_OFFICIAL: '1000000',
      RATE_LIMIT_APPLICATION: '10000000',
      RATE_LIMIT_DEPARTMENT: '10000000',
      // Rates and quotas shared in Redis, as between replicas in production (when one answers here).
      REDIS_URL: inputs.redisUrl ?? undefined,
      REDIS_PREFIX: `bench-${name}-${process.pid}`,
      // No AUTH_* source (undefined unsets it): the gateway accepts the development key the bench mints with.
      AUTH_JWKS_FILE: undefined,
      AUTH_JWKS_URL: undefined,
      AUTH_PUBLIC_KEY_FILE: undefined,
    },
  });
}

/** The protection a variant's name leaves out ('ours-live-no-pinning' → 'pinning'), or ''. */
function benchVariant(name: string): string {
  const at = name.indexOf('-no-');
  return at < 0 ? '' : name.slice(at + '-no-'.length);
}

/** The committed supergraph with its URLs pointing at these open departments. */
function openSupergraph(inputs: TargetInputs): string {
  const path = join(inputs.workDir, `supergraph-open-${inputs.subgraphs.persons}.graphql`);
  const sdl = readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8').replace(
    /@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g,
    (_whole, subgraph: string) => {
      const url = inputs.subgraphs.open[subgraph];
      if (!url)
        throw new Error(`The bench subgraphs do not serve '${subgraph}' of the supergraph.`);
      return `@join__graph(name: "${subgraph}", url: "${url}")`;
    },
  );
  writeFileSync(path, sdl);
  return path;
}
