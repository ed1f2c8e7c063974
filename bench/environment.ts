import { connect } from 'node:net';
import type { DemoConsumerName } from '../gateway/identity';
import { roundProfiler } from './cpu-profile';
import { loadFixtures, type Fixtures } from './fixtures';
import type { Probes } from './measure';
import { firstJsonLine, freePort, startNode } from './processes';
import type { SubgraphsReady } from './subgraphs';
import { startTarget, unavailable, type Target, type TargetName } from './targets';
import type { Workspace } from './workspace';

/** Seeding a large dataset the first time takes a while; later starts take seconds. */
export const SUBGRAPHS_START_TIMEOUT_MS = 30 * 60_000;

/** The departments over one dataset, the targets over them, and the ids to ask for. */
export interface Environment {
  persons: number;
  subgraphs: SubgraphsReady;
  targets: Target[];
  /** Targets that could not run here, and why. */
  skipped: { target: TargetName; reason: string }[];
  fixtures: Fixtures;
  probes: Probes;
  /** Where the `ours*` gateways share rates and quotas, or null (their own memory). */
  redisUrl: string | null;
  stop(): Promise<void>;
}

/** Starts the departments (seeding the dataset when needed), then every target that runs here. */
export async function startEnvironment(
  persons: number,
  targetNames: readonly TargetName[],
  consumers: readonly DemoConsumerName[],
  workspace: Workspace,
  cpus: number,
  /** `--cpu-prof`: where `ours` (one process) writes a CPU profile of each round, or null. */
  cpuProfileDir: string | null = null,
): Promise<Environment> {
  const child = startNode('subgraphs', 'bench/subgraphs.ts', {
    echo: true,
    env: {
      CITY_PERSONS: String(persons),
      CONTEXT_PUBLIC_KEY_FILE: workspace.contextPublicKeyFile,
      EMBEDDED_PG_PORT: String(await freePort()),
    },
  });
  const targets: Target[] = [];
  const stop = async () => {
    await Promise.all(targets.map((t) => t.gateway?.stop()));
    await child.stop();
  };
  try {
    const subgraphs = await firstJsonLine<SubgraphsReady>(child, SUBGRAPHS_START_TIMEOUT_MS);
    const skipped: Environment['skipped'] = [];
    const redisUrl = await answeringRedis(process.env.BENCH_REDIS_URL ?? DEFAULT_BENCH_REDIS_URL);
    const started = await Promise.allSettled(
      targetNames.map(async (name) => {
        const reason = unavailable(name);
        if (reason) throw new Error(reason);
        return startTarget(name, {
          subgraphs,
          contextPrivateKeyFile: workspace.contextPrivateKeyFile,
          workDir: workspace.dir,
          redisUrl,
          cpuProfileDir,
        });
      }),
    );
    for (const [index, outcome] of started.entries()) {
      if (outcome.status === 'fulfilled') targets.push(outcome.value);
      else skipped.push({ target: targetNames[index]!, reason: (outcome.reason as Error).message });
    }
    const fixtures = await loadFixtures(subgraphs.databaseUrls, consumers);
    return {
      persons,
      subgraphs,
      targets,
      skipped,
      fixtures,
      redisUrl,
      probes: {
        subgraphsPid: child.pid,
        statsUrl: subgraphs.statsUrl,
        cpus,
        profiler: cpuProfileDir ? roundProfiler(cpuProfileDir, isProfiled) : null,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Where the bench looks for Redis (BENCH_REDIS_URL overrides; `none` counts in memory). */
export const DEFAULT_BENCH_REDIS_URL = 'redis://127.0.0.1:6379';

/** The URL when a TCP connection to it opens within a second, else null. */
async function answeringRedis(url: string): Promise<string | null> {
  if (url === 'none') return null;
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok ? url : null);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The gateways `--cpu-prof` profiles: ours and its variants, on one process. */
export function isProfiled(target: string): boolean {
  return target.startsWith('ours') && !/^ours-w\d+$/.test(target);
}
