import { parseArgs } from 'node:util';
import { z } from 'zod';
import { OPERATIONS, type OperationId } from './operations';
import { TARGET_NAMES, workersTarget, type TargetName } from './targets';

/** Persons in the bench dataset (BENCH_PERSONS). */
export const DEFAULT_PERSONS = 100_000;
/** Concurrent connections of the load generator. */
export const DEFAULT_CONNECTIONS = 20;
/** Seconds measured per target × operation × round. */
export const DEFAULT_DURATION_S = 5;
/** Seconds of unrecorded load before a target × operation's first round. */
export const DEFAULT_WARMUP_S = 2;
/** Alternating rounds (A B C D A B C D ...); medians and spreads are taken over them. */
export const DEFAULT_ROUNDS = 3;
/** Page sizes of the persons list in the scale curve. */
export const DEFAULT_SCALE_ENTITIES = [10, 100, 1000, 5000];
/** Concurrent connections of the scale curve: few, so a 5,000-person page is timed, not queued. */
export const DEFAULT_SCALE_CONNECTIONS = 2;
/** Seconds per point and round of the scale curve (doubled from 5,000 entities up). */
export const DEFAULT_SCALE_DURATION_S = 3;
/** Honest numbers: most % of the whole machine other processes may use during a round that counts. */
export const DEFAULT_MAX_OTHER_LOAD = 10;
/** Reruns of a round measured above the bar before its cell is reported as not measured. */
export const DEFAULT_RETRIES = 3;
/** Gateway processes `ours` runs with; each count above 1 adds a target `ours-w<N>`. */
export const DEFAULT_WORKERS = [1];
/** Dataset sizes of the datasets section (each needs its own seeded database). */
export const DEFAULT_DATASETS = [10_000, 100_000, 1_000_000];

/** Records in the store the records section seeds and searches (--records). */
export const DEFAULT_RECORDS = 10_000_000;
/** Seconds of each sustained-append run of the records section. */
export const DEFAULT_RECORDS_APPEND_S = 10;
/** Closed-loop producers of the records section's capacity run. */
export const DEFAULT_RECORDS_PRODUCERS = 500;

export const SECTIONS = ['main', 'scale', 'datasets', 'records'] as const;
export type Section = (typeof SECTIONS)[number];

const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(z.enum(values)).min(1));
const numbers = z
  .string()
  .transform((v) => v.split(',').map((s) => Number(s.trim())))
  .pipe(z.array(z.number().int().positive()).min(1));
const positive = z.coerce.number().positive();
const OPERATION_IDS = OPERATIONS.map((o) => o.id) as [OperationId, ...OperationId[]];
const perSecond = z.coerce.number().int().positive();
/** `--rate 200` (every operation) or `--rate enterprise=200,persons=15` (each its own). */
const rates = z.string().transform((text, ctx): Partial<Record<OperationId, number>> => {
  const pairs = text.includes('=')
    ? text.split(',').map((pair) => pair.split('=').map((s) => s.trim()))
    : OPERATION_IDS.map((id) => [id, text.trim()]);
  const result: Partial<Record<OperationId, number>> = {};
  for (const [id, value] of pairs) {
    const operation = z.enum(OPERATION_IDS).safeParse(id);
    const rate = perSecond.safeParse(value);
    if (!operation.success || !rate.success) {
      ctx.addIssue({
        code: 'custom',
        message: `'${id}=${value}' is not <operation>=<requests per second, a positive whole number>; operations: ${OPERATION_IDS.join(', ')}`,
      });
      return z.NEVER;
    }
    result[operation.data] = rate.data;
  }
  return result;
});

const schema = z
  .object({
    persons: z.coerce.number().int().min(100).default(DEFAULT_PERSONS),
    connections: z.coerce.number().int().positive().default(DEFAULT_CONNECTIONS),
    rate: rates.optional(),
    durationS: positive.default(DEFAULT_DURATION_S),
    warmupS: z.coerce.number().min(0).default(DEFAULT_WARMUP_S),
    rounds: z.coerce.number().int().min(1).default(DEFAULT_ROUNDS),
    // The live-policy pair (POLICY_SOURCE=db, with and without pinning) only when asked for.
    targets: list(TARGET_NAMES).default(TARGET_NAMES.filter((t) => !t.startsWith('ours-live'))),
    operations: list(OPERATION_IDS).default([...OPERATION_IDS]),
    sections: list(SECTIONS).default(['main', 'scale']),
    scaleEntities: numbers.default(DEFAULT_SCALE_ENTITIES),
    scaleDurationS: positive.default(DEFAULT_SCALE_DURATION_S),
    scaleRounds: z.coerce.number().int().min(1).default(2),
    scaleConnections: z.coerce.number().int().positive().default(DEFAULT_SCALE_CONNECTIONS),
    datasets: numbers.default(DEFAULT_DATASETS),
    records: z.coerce.number().int().min(10_000).default(DEFAULT_RECORDS),
    recordsAppendS: positive.default(DEFAULT_RECORDS_APPEND_S),
    recordsProducers: z.coerce.number().int().positive().default(DEFAULT_RECORDS_PRODUCERS),
    maxOtherLoad: z.coerce.number().min(0).max(100).default(DEFAULT_MAX_OTHER_LOAD),
    retries: z.coerce.number().int().min(0).max(20).default(DEFAULT_RETRIES),
    cpuProf: z.string().min(1).optional(),
    workers: numbers.pipe(z.array(z.number().max(64))).default(DEFAULT_WORKERS),
  })
  .superRefine(({ rate, operations }, ctx) => {
    // One run is one kind of load per operation: each operation measured needs its rate.
    const unpaced = rate ? operations.filter((id) => rate[id] === undefined) : [];
    if (unpaced.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['rate'],
        message: `no offered load for ${unpaced.join(', ')} (give one for every operation measured, or --operations without them)`,
      });
    }
  });

export type Settings = Readonly<Omit<z.infer<typeof schema>, 'targets'>> & {
  /** The targets asked for, with `ours-w<N>` for each worker count of `--workers` above 1. */
  readonly targets: readonly TargetName[];
};

/** What `npm run bench -- --help` prints. */
export const USAGE = `npm run bench [-- options]
  --rounds N            alternating rounds (${DEFAULT_ROUNDS})
  --duration S          seconds measured per target × operation × round (${DEFAULT_DURATION_S})
  --warmup S            unrecorded seconds before a cell's first round (${DEFAULT_WARMUP_S})
  --connections N       concurrent connections (${DEFAULT_CONNECTIONS})
  --rate R              main section at an offered load: R requests/s evenly spaced (open loop, at most
                        --connections in flight), for latency below saturation (none: as fast as answered);
                        per operation: --rate enterprise=200,masked=200,profile=50,persons=15
  --targets a,b         of ${TARGET_NAMES.join(', ')}
  --operations a,b      of ${OPERATION_IDS.join(', ')}
  --only a,b            sections: main, scale, datasets, records (main,scale)
  --scale               the scale curve only (same as --only scale)
  --scale-entities ...  persons per page in the scale curve (${DEFAULT_SCALE_ENTITIES.join(',')})
  --datasets 10000,...  dataset sizes of the datasets section (${DEFAULT_DATASETS.join(',')}); implies --only datasets
  --records N           records in the records section's store (${DEFAULT_RECORDS}; seeded once, reused)
  --records-append S    seconds of each sustained-append run (${DEFAULT_RECORDS_APPEND_S})
  --records-producers N producers of the capacity run (${DEFAULT_RECORDS_PRODUCERS})
  --max-other-load P    a round counts only if other processes used at most P % of the machine (${DEFAULT_MAX_OTHER_LOAD}); 100 accepts all
  --retries N           reruns of a round above that bar before the row is reported not measured (${DEFAULT_RETRIES})
  --cpu-prof DIR        write a V8 CPU profile of ours* (one process) over each measured round into DIR
  --workers 1,2         run ours on each number of gateway processes (GATEWAY_WORKERS); N > 1 adds target ours-wN (${DEFAULT_WORKERS.join(',')})
env: BENCH_PERSONS (${DEFAULT_PERSONS}) persons in the dataset of main and scale; DATABASE_URL to use a server.`;

/** Reads the command line and BENCH_PERSONS; throws naming the bad option. */
export function loadSettings(argv: readonly string[], env: NodeJS.ProcessEnv): Settings {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      rate: { type: 'string' },
      targets: { type: 'string' },
      operations: { type: 'string' },
      only: { type: 'string' },
      scale: { type: 'boolean' },
      'scale-entities': { type: 'string' },
      'scale-duration': { type: 'string' },
      'scale-rounds': { type: 'string' },
      'scale-connections': { type: 'string' },
      datasets: { type: 'string' },
      records: { type: 'string' },
      'records-append': { type: 'string' },
      'records-producers': { type: 'string' },
      'max-other-load': { type: 'string' },
      retries: { type: 'string' },
      workers: { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
  });
  const parsed = schema.safeParse({
    persons: env.BENCH_PERSONS,
    connections: values.connections,
    rate: values.rate,
    durationS: values.duration,
    warmupS: values.warmup,
    rounds: values.rounds,
    targets: values.targets,
    operations: values.operations,
    sections: values.scale ? 'scale' : values.datasets && !values.only ? 'datasets' : values.only,
    scaleEntities: values['scale-entities'],
    scaleDurationS: values['scale-duration'],
    scaleRounds: values['scale-rounds'],
    scaleConnections: values['scale-connections'],
    datasets: values.datasets,
    records: values.records,
    recordsAppendS: values['records-append'],
    recordsProducers: values['records-producers'],
    maxOtherLoad: values['max-other-load'],
    retries: values.retries,
    workers: values.workers,
    cpuProf: values['cpu-prof'],
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid bench options:\n  ${problems.join('\n  ')}\n${USAGE}`);
  }
  const { targets, workers } = parsed.data;
  const extra = workers.filter((n) => n > 1).map(workersTarget);
  return Object.freeze({ ...parsed.data, targets: [...new Set([...targets, ...extra])] });
}
