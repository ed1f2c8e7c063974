import type { Sample } from './measure';
import { renderRecords } from './records/report';
import type { RecordsBench } from './records/section';
import { OPERATIONS, type OperationId } from './operations';
import type { CellVerification } from './rounds';
import type { Settings } from './settings';
import { fixed, median, range } from './stats';
import { TARGET_NAMES, type TargetName } from './targets';

/** Everything one `npm run bench` measured: bench/results/<timestamp>.json. */
export interface Results {
  startedAt: string;
  finishedAt: string;
  elapsedS: number;
  machine: { cpus: number; cpuModel: string; totalMemMb: number; node: string; clockTicks: number };
  versions: Record<string, string | null>;
  settings: Settings;
  skipped: { persons: number; target: TargetName; reason: string }[];
  verifications: CellVerification[];
  samples: Sample[];
  /** The records section (--only records). */
  records?: RecordsBench;
}

type Key = Pick<Sample, 'section' | 'operation' | 'entities' | 'persons'>;

const sameCell = (a: Key, b: Key) =>
  a.section === b.section &&
  a.operation === b.operation &&
  a.entities === b.entities &&
  a.persons === b.persons;

/** Median over rounds of the target's value ÷ stock's value in the same round. */
function versusStock(
  samples: readonly Sample[],
  target: TargetName,
  value: (s: Sample) => number | null,
): number {
  const ratios = samples
    .filter((s) => s.target === target)
    .map((s) => {
      const stock = samples.find((o) => o.target === 'stock' && o.round === s.round);
      const mine = value(s);
      const theirs = stock ? value(stock) : null;
      return mine !== null && theirs ? mine / theirs : NaN;
    });
  return median(ratios);
}

function errorsCell(samples: readonly Sample[]): string {
  const non2xx = samples.reduce((n, s) => n + s.non2xx, 0);
  const errors = samples.reduce((n, s) => n + s.errors, 0);
  const graphql = samples.reduce((n, s) => n + s.graphqlErrors, 0);
  const total = non2xx + errors + graphql;
  return total === 0
    ? '0'
    : `⚠ ${total} (non-2xx ${non2xx}, connection ${errors}, GraphQL ${graphql})`;
}

/**
 * ", offered N requests/s" for an operation run at an offered load. Results written before
 * rates per operation carry one number for all.
 */
function offeredText(settings: Results['settings'], id: OperationId): string {
  const rate: unknown = settings.rate;
  const perSecond = typeof rate === 'number' ? rate : settings.rate?.[id];
  return perSecond ? `, offered ${perSecond} requests/s` : '';
}

/** Milliseconds of latency: tenths below 10 ms (where an offered load's few ms differ), whole above. */
function latency(ms: number | null | undefined): string {
  return fixed(ms, typeof ms === 'number' && ms < 10 ? 1 : 0);
}

/** The targets of these samples: the fixed ones in their order, then `ours-w<N>`. */
function targetsOf(samples: readonly Sample[]): TargetName[] {
  const present = new Set(samples.map((s) => s.target));
  return [
    ...TARGET_NAMES.filter((t) => present.has(t)),
    ...[...present].filter((t) => !(TARGET_NAMES as readonly string[]).includes(t)),
  ];
}

/**
 * One row per target of one cell group: the numbers of the main table, from the rounds that
 * passed the other-load bar only; a target with none is a row saying it was not measured.
 */
function rows(
  all: readonly Sample[],
  columns: 'full' | 'short',
  verifications: readonly CellVerification[],
  lead: string[] = [],
): string[] {
  const samples = all.filter((s) => s.accepted !== false);
  return targetsOf(all).flatMap((target) => {
    const mine = samples.filter((s) => s.target === target);
    if (mine.length === 0)
      return [
        notMeasured(
          all.filter((s) => s.target === target),
          columns,
          lead,
        ),
      ];
    // autocannon reports 0 ms latencies for a round without responses.
    const answered = mine.filter((s) => s.requests > 0);
    const [low, high] = range(mine.map((s) => s.rps));
    const gatewayCpu = median(mine.map((s) => s.gatewayCpuMsPerReq ?? NaN));
    const cpuRatio =
      target === 'stock' ? 1 : versusStock(samples, target, (s) => s.gatewayCpuMsPerReq);
    const rpsRatio = target === 'stock' ? 1 : versusStock(samples, target, (s) => s.rps);
    const checked = verifications.find((v) => v.target === target && sameCell(v, mine[0]!));
    const sql = `${fixed(median(mine.map((s) => s.sqlPerReq)), 2)} (${checked?.statements ?? '–'})`;
    const common = [
      `\`${target}\``,
      `${fixed(median(mine.map((s) => s.rps)), 0)} (${fixed(low, 0)}–${fixed(high, 0)})`,
      latency(median(answered.map((s) => s.latencyMs.p50))),
      latency(median(answered.map((s) => s.latencyMs.p99))),
      fixed(gatewayCpu, 2),
      target === 'direct' ? '–' : `${fixed(cpuRatio, 2)}×`,
      `${fixed(rpsRatio, 2)}×`,
    ];
    const others = fixed(median(mine.map((s) => s.machine.otherPercent)), 0);
    const rest =
      columns === 'full'
        ? [
            fixed(median(mine.map((s) => s.subgraphsCpuMsPerReq)), 2),
            fixed(Math.max(...mine.map((s) => s.gatewayPeakRssMb ?? NaN)), 0),
            sql,
            others,
            errorsCell(mine),
          ]
        : [sql, others, errorsCell(mine)];
    return [`| ${[...lead, ...common, ...rest].join(' | ')} |`];
  });
}

/** A row for a target whose every attempt ran on a machine busier than the bar. */
function notMeasured(
  attempts: readonly Sample[],
  columns: 'full' | 'short',
  lead: string[],
): string {
  const others = attempts.map((s) => s.machine.otherPercent);
  const cells = Array<string>(columns === 'full' ? 11 : 9).fill('–');
  cells[cells.length - 2] = `${fixed(Math.min(...others), 0)}–${fixed(Math.max(...others), 0)}`;
  cells[cells.length - 1] =
    `not measured: ${attempts.length} attempts, other load above the bar in each`;
  return `| ${[...lead, `\`${attempts[0]!.target}\``, ...cells].join(' | ')} |`;
}

const FULL_HEADER = [
  '| target | rps median (min–max) | p50 ms | p99 ms | gateway CPU ms/req | CPU/req vs stock | rps vs stock | subgraphs CPU ms/req | gateway peak RSS MB | SQL/req (1 req) | other load % | errors |',
  '| --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --- |',
];
const SHORT_HEADER = [
  '| target | rps median (min–max) | p50 ms | p99 ms | gateway CPU ms/req | CPU/req vs stock | rps vs stock | SQL/req (1 req) | other load % | errors |',
  '| --- | --- | --: | --: | --: | --: | --: | --: | --: | --- |',
];

function groups(samples: readonly Sample[]): Sample[][] {
  const out: Sample[][] = [];
  for (const s of samples) {
    const group = out.find((g) => sameCell(g[0]!, s));
    if (group) group.push(s);
    else out.push([s]);
  }
  return out;
}

/** bench/results/latest.md: the tables, with what they measure and how the run went. */
export function renderMarkdown(results: Results): string {
  const { settings, machine } = results;
  const main = results.samples.filter((s) => s.section === 'main');
  const loads = results.samples.map((s) => s.machine.loadavgBefore[0] ?? NaN);
  const busy = results.samples.map((s) => s.machine.busyPercent);
  const other = results.samples.map((s) => s.machine.otherPercent ?? NaN);
  const out = [
    `# Benchmark results (${results.startedAt})`,
    '',
    `Run took ${fixed(results.elapsedS / 60, 1)} min on ${machine.cpus} CPUs (${machine.cpuModel}), ` +
      `${fixed(machine.totalMemMb / 1024, 0)} GiB, Node ${machine.node}. ` +
      `Versions: ${Object.entries(results.versions)
        .map(([name, version]) => `${name} ${version ?? '(not installed)'}`)
        .join(', ')}.`,
    `Machine during the rounds: 1-min load average ${fixed(range(loads)[0], 2)}–${fixed(range(loads)[1], 2)}, ` +
      `CPU busy ${fixed(range(busy)[0], 0)}–${fixed(range(busy)[1], 0)} % of all cores (the load generator runs on them too), ` +
      `of which processes outside the bench ${fixed(range(other)[0], 0)}–${fixed(range(other)[1], 0)} % ` +
      `(median ${fixed(median(other), 0)} %).`,
    `A round counts only if processes outside the bench used at most ${settings.maxOtherLoad} % of the machine ` +
      `(\`--max-other-load\`); ${results.samples.filter((s) => s.accepted === false).length} attempts were measured above it ` +
      `(a round is rerun up to ${settings.retries} times; every attempt is in the JSON). A row no attempt of which passed says "not measured".`,
    '',
    'Medians over alternating rounds; rps as median (min–max). **vs stock** is the median over rounds of ' +
      'the target ÷ `stock` in the same round (CPU/req below 1× is cheaper than stock; rps above 1× is faster). ' +
      'Gateway CPU is the gateway process’s user+system CPU ÷ requests; subgraphs CPU is the one process ' +
      'serving every department (PostgreSQL not included). Per-request costs divide by the requests sent, ' +
      'counted after the in-flight ones have finished. SQL/req counts the statements all departments ' +
      'sent under load; in brackets, the exact count for the one request checked before timing. ' +
      '**Other load %**: share of the machine used by processes outside the bench during the rounds ' +
      '(median); rows with a high share were measured on a busier machine.',
  ];
  if (results.skipped.length > 0) {
    out.push(
      '',
      ...results.skipped.map(
        (s) => `- **${s.target} not run** (${s.persons} persons): ${s.reason.split('\n')[0]}`,
      ),
    );
  }
  const failed = results.verifications.filter((v) => !v.ok);
  if (failed.length > 0) {
    out.push(
      '',
      ...failed.map(
        (v) => `- **${v.target} × ${v.operation} not timed** (${v.section}): ${v.problem}`,
      ),
    );
  }
  if (main.length > 0) {
    const persons = main[0]!.persons;
    out.push(
      '',
      `## Main comparison: ${persons.toLocaleString('en')} persons, ${settings.connections} connections, ` +
        (settings.rate ? 'at an offered load (`--rate`), ' : '') +
        `${settings.rounds} rounds × ${settings.durationS} s (+${settings.warmupS} s warm-up)`,
    );
    for (const group of groups(main)) {
      const operation = OPERATIONS.find((o) => o.id === group[0]!.operation)!;
      out.push(
        '',
        `### ${operation.title} — as ${operation.consumer}, purpose ${operation.purpose}` +
          offeredText(settings, operation.id),
        '',
      );
      out.push(...FULL_HEADER, ...rows(group, 'full', results.verifications));
      if (operation.id === 'masked') out.push('', maskingNote(results.verifications));
    }
  }
  const scale = results.samples.filter((s) => s.section === 'scale');
  if (scale.length > 0) {
    out.push(
      '',
      `## Scale: persons list by page size (${settings.scaleConnections} connections, ` +
        `${settings.scaleRounds} rounds × ${settings.scaleDurationS} s, doubled from 5,000 persons)`,
    );
    out.push('', `| persons/request ${SHORT_HEADER[0]}`, `| --: ${SHORT_HEADER[1]}`);
    for (const group of groups(scale)) {
      out.push(...rows(group, 'short', results.verifications, [String(group[0]!.entities)]));
    }
  }
  const datasets = results.samples.filter((s) => s.section === 'datasets');
  if (datasets.length > 0) {
    out.push(
      '',
      `## Datasets: the same operations on cities of different sizes (${settings.connections} connections, ` +
        `${settings.scaleRounds} rounds × ${settings.scaleDurationS} s)`,
      '',
      `| persons | operation ${SHORT_HEADER[0]}`,
      `| --: | --- ${SHORT_HEADER[1]}`,
    );
    for (const group of groups(datasets)) {
      const lead = [group[0]!.persons.toLocaleString('en'), group[0]!.operation];
      out.push(...rows(group, 'short', results.verifications, lead));
    }
  }
  if (results.records) out.push(...renderRecords(results.records));
  return `${out.join('\n')}\n`;
}

function maskingNote(verifications: readonly CellVerification[]): string {
  const checked = verifications.filter((v) => v.operation === 'masked' && v.masked !== null);
  const list = checked.map((v) => `\`${v.target}\` ${v.masked ? 'masked' : 'clear'}`).join(', ');
  return `ID number as returned to the caseworker: ${list}.`;
}
