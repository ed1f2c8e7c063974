import type { DemoConsumerName } from '../gateway/identity';
import { startEnvironment, type Environment } from './environment';
import type { Sample } from './measure';
import { OPERATIONS, PERSONS_PAGE, personsList, type Operation } from './operations';
import { runRounds, type Cell, type CellVerification } from './rounds';
import type { Settings } from './settings';
import type { TargetName } from './targets';
import type { Workspace } from './workspace';

/** What a section adds to the results. */
export interface SectionResult {
  samples: Sample[];
  verifications: CellVerification[];
  skipped: { persons: number; target: TargetName; reason: string }[];
}

type Log = (line: string) => void;

/** Every target on every operation it can serve (`direct` only where one subgraph serves it all). */
export async function mainSection(env: Environment, settings: Settings, log: Log) {
  const operations = OPERATIONS.filter((o) => settings.operations.includes(o.id));
  const cells = operations.flatMap((operation) =>
    env.targets
      .filter((t) => t.name !== 'direct' || operation.rootSubgraph !== undefined)
      .map((target): Cell => ({
        target,
        operation,
        entities: null,
        rate: settings.rate?.[operation.id],
      })),
  );
  const offered = settings.rate
    ? `, offered ${operations.map((o) => `${o.id} ${settings.rate![o.id]}/s`).join(', ')}`
    : '';
  log(
    `main: ${cells.length} cells × ${settings.rounds} rounds × ${settings.durationS} s${offered}`,
  );
  return runRounds(
    env,
    cells,
    {
      section: 'main',
      rounds: settings.rounds,
      load: { connections: settings.connections, durationS: settings.durationS },
      warmupS: settings.warmupS,
      ...honesty(settings),
    },
    log,
  );
}

/** The bar a round must pass to count, from the settings. */
function honesty(settings: Settings) {
  return { maxOtherLoad: settings.maxOtherLoad, retries: settings.retries };
}

/** The persons list at growing page sizes, ours against stock, one page size at a time. */
export async function scaleSection(env: Environment, settings: Settings, log: Log) {
  const targets = env.targets.filter((t) => t.name === 'ours' || t.name === 'stock');
  const result: Awaited<ReturnType<typeof runRounds>> = { samples: [], verifications: [] };
  for (const entities of settings.scaleEntities) {
    const durationS = settings.scaleDurationS * (entities >= 5000 ? 2 : 1);
    log(`scale: ${entities} persons per request, ${settings.scaleRounds} rounds × ${durationS} s`);
    const { samples, verifications } = await runRounds(
      env,
      targets.map((target) => ({ target, operation: personsList(entities), entities })),
      {
        section: 'scale',
        rounds: settings.scaleRounds,
        load: { connections: settings.scaleConnections, durationS },
        warmupS: Math.min(settings.warmupS, 1),
        ...honesty(settings),
      },
      log,
    );
    result.samples.push(...samples);
    result.verifications.push(...verifications);
  }
  return result;
}

/** Operations of the datasets section: a lookup, a page, a masked read. */
const DATASET_OPERATIONS: readonly Operation[] = OPERATIONS.filter((o) =>
  ['enterprise', 'persons', 'masked'].includes(o.id),
);

/** Ours against stock on each dataset size, one seeded database per size. */
export async function datasetsSection(
  settings: Settings,
  workspace: Workspace,
  cpus: number,
  log: Log,
): Promise<SectionResult> {
  const result: SectionResult = { samples: [], verifications: [], skipped: [] };
  const targets: TargetName[] = ['stock', 'ours'];
  for (const persons of settings.datasets) {
    log(`datasets: ${persons} persons (seeded on first use; a large dataset takes minutes)`);
    const env = await startEnvironment(
      persons,
      targets,
      consumersOf(DATASET_OPERATIONS),
      workspace,
      cpus,
    );
    try {
      result.skipped.push(...env.skipped.map((s) => ({ ...s, persons })));
      const cells = DATASET_OPERATIONS.flatMap((operation) =>
        env.targets.map((target): Cell => ({
          target,
          operation,
          entities: operation.id === 'persons' ? PERSONS_PAGE : null,
        })),
      );
      const { samples, verifications } = await runRounds(
        env,
        cells,
        {
          section: 'datasets',
          rounds: settings.scaleRounds,
          load: { connections: settings.connections, durationS: settings.scaleDurationS },
          warmupS: Math.min(settings.warmupS, 1),
          ...honesty(settings),
        },
        log,
      );
      result.samples.push(...samples);
      result.verifications.push(...verifications);
    } finally {
      await env.stop();
    }
  }
  return result;
}

/** The consumers whose tokens the operations need. */
export function consumersOf(operations: readonly Operation[]): DemoConsumerName[] {
  return [...new Set(operations.map((o) => o.consumer))];
}
