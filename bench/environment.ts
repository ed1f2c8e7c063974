import type { DemoConsumerName } from '../gateway/identity';
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
  stop(): Promise<void>;
}

/** Starts the departments (seeding the dataset when needed), then every target that runs here. */
export async function startEnvironment(
  persons: number,
  targetNames: readonly TargetName[],
  consumers: readonly DemoConsumerName[],
  workspace: Workspace,
  cpus: number,
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
    const started = await Promise.allSettled(
      targetNames.map(async (name) => {
        const reason = unavailable(name);
        if (reason) throw new Error(reason);
        return startTarget(name, {
          subgraphs,
          contextPrivateKeyFile: workspace.contextPrivateKeyFile,
          workDir: workspace.dir,
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
      probes: { subgraphsPid: child.pid, statsUrl: subgraphs.statsUrl, cpus },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
