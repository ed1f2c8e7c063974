import type { Sample } from '../../../bench/measure';
import { renderMarkdown, type Results } from '../../../bench/report';
import { loadSettings } from '../../../bench/settings';

function sample(
  target: Sample['target'],
  rps: number,
  otherPercent: number,
  accepted: boolean,
): Sample {
  return {
    section: 'main',
    target,
    operation: 'enterprise',
    entities: null,
    persons: 10_000,
    round: 1,
    attempt: 1,
    accepted,
    requests: rps * 5,
    sent: rps * 5,
    durationS: 5,
    rps,
    latencyMs: { p50: 10, p99: 20, mean: 11, max: 30 },
    non2xx: 0,
    errors: 0,
    graphqlErrors: 0,
    gatewayCpuMsPerReq: 1,
    subgraphsCpuMsPerReq: 1,
    loadGeneratorCpuMsPerReq: 1,
    gatewayPeakRssMb: 100,
    sqlPerReq: 1,
    machine: { cpus: 2, busyPercent: 90, otherPercent, loadavgBefore: [1], loadavgAfter: [1] },
  };
}

function results(samples: Sample[]): Results {
  return {
    startedAt: '2026-11-30T00:00:00.000Z',
    finishedAt: '',
    elapsedS: 60,
    machine: { cpus: 2, cpuModel: 'test', totalMemMb: 1024, node: 'v20', clockTicks: 100 },
    versions: {},
    settings: loadSettings(['--max-other-load', '10', '--retries', '1'], {}),
    skipped: [],
    verifications: [],
    samples,
  };
}

const rowOf = (markdown: string, target: string) =>
  markdown.split('\n').find((line) => line.startsWith(`| \`${target}\` |`));

it('reports a row from the rounds under the other-load bar only, and a row with none as not measured', () => {
  const markdown = renderMarkdown(
    results([
      sample('stock', 999, 40, false),
      sample('stock', 500, 5, true),
      sample('ours', 800, 30, false),
      sample('ours', 900, 25, false),
    ]),
  );
  expect(rowOf(markdown, 'stock')).toMatch(/^\| `stock` \| 500 \(500–500\) \|/);
  expect(rowOf(markdown, 'stock')).not.toContain('999');
  expect(rowOf(markdown, 'ours')).toBe(
    '| `ours` | – | – | – | – | – | – | – | – | – | 25–30 | not measured: 2 attempts, other load above the bar in each |',
  );
  expect(markdown).toContain('at most 10 % of the machine');
  expect(markdown).toContain('3 attempts were measured above it');
});

it('adds an ours-w<N> target for each worker count above one', () => {
  const settings = loadSettings(['--targets', 'stock,ours', '--workers', '1,2'], {});
  expect(settings.targets).toEqual(['stock', 'ours', 'ours-w2']);
  expect(() => loadSettings(['--max-other-load', '120'], {})).toThrow(/maxOtherLoad/);
});

it('names the offered load of each operation, one rate for all or one each, and refuses a bad or missing one', () => {
  const closed = renderMarkdown(results([sample('stock', 500, 5, true)]));
  expect(closed).toMatch(/## Main comparison: [\d,]+ persons, 20 connections, 3 rounds/);
  expect(closed).not.toContain('offered');
  const fast = {
    ...sample('stock', 200, 5, true),
    latencyMs: { p50: 2.26, p99: 23.4, mean: 3, max: 40 },
  };
  const open = renderMarkdown({
    ...results([fast]),
    settings: loadSettings(['--rate', '200'], {}),
  });
  expect(open).toMatch(
    /## Main comparison: [\d,]+ persons, 20 connections, at an offered load \(`--rate`\)/,
  );
  expect(open).toMatch(/### \(a\) enterprise lookup.*, offered 200 requests\/s\n/);
  // Below 10 ms, tenths: 2.3 against 5.5 ms is what an offered load compares.
  expect(rowOf(open, 'stock')).toMatch(/^\| `stock` \| 200 \(200–200\) \| 2\.3 \| 23 \|/);
  // Results written when one number served every operation still render.
  const older = results([fast]);
  const legacy = renderMarkdown({ ...older, settings: { ...older.settings, rate: 150 as never } });
  expect(legacy).toMatch(/### \(a\) enterprise lookup.*, offered 150 requests\/s\n/);

  const each = loadSettings(
    ['--operations', 'enterprise,persons', '--rate', 'enterprise=200, persons=15'],
    {},
  );
  expect(each.rate).toEqual({ enterprise: 200, persons: 15 });
  expect(loadSettings(['--rate', '50'], {}).rate).toEqual({
    enterprise: 50,
    profile: 50,
    persons: 50,
    masked: 50,
  });
  expect(() => loadSettings(['--rate', '0'], {})).toThrow(/rate/);
  expect(() => loadSettings(['--rate', 'fast'], {})).toThrow(/rate/);
  expect(() => loadSettings(['--rate', 'enterprise=200,lookup=5'], {})).toThrow(/'lookup=5'/);
  expect(() => loadSettings(['--rate', 'enterprise=-1'], {})).toThrow(/'enterprise=-1'/);
  // Every operation measured needs its rate: one run is one kind of load per operation.
  expect(() => loadSettings(['--rate', 'enterprise=200'], {})).toThrow(
    /no offered load for profile, persons, masked/,
  );
});
