import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { firstJsonLine, freePort, startNode, stopAll, terminateAllNow } from '../processes';
import { createWorkspace } from '../workspace';
import { runSuiteCases } from './cases';
import { conformanceCredentials } from './credentials';
import { openRecordStore } from './records';
import { regressions, renderReport, type SuiteResult } from './report';
import { CONFORMANCE_TARGETS, startConformanceTarget, type ConformanceTarget } from './targets';

const USAGE = `npm run conformance -- <audit checkout> [--target stock|ours]... [--suite <id>]...

Runs The Guild's federation gateway audit (a checkout of graphql-hive/federation-gateway-audit,
or FEDERATION_AUDIT_DIR) through stock @apollo/gateway and through this gateway with every
protection on (token, purpose, field policy, masking, signed contexts, access records) and
grants that open every field of each suite's supergraph. Prints the score per suite.
Access records go to RECORDS_DATABASE_URL, else DATABASE_URL, else a throwaway embedded
PostgreSQL. Exit 1 when ours fails a case stock passes.`;

/** Milliseconds the audit's server may take to compose and serve every suite. */
const AUDIT_START_TIMEOUT_MS = 120_000;
const log = (line: string) => console.error(line);

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const options = parseArgs(argv);
  const started = new Date();
  const records = await openRecordStore(process.env);
  const workspace = createWorkspace();
  try {
    const credentials = await conformanceCredentials(workspace, {
      url: records.url,
      streamId: `conformance-${process.pid}`,
    });
    const auditPort = await freePort();
    const audit = startNode('audit', 'bench/conformance/audit-server.ts', {
      env: { FEDERATION_AUDIT_DIR: options.auditDir, AUDIT_PORT: String(auditPort) },
    });
    await firstJsonLine(audit, AUDIT_START_TIMEOUT_MS);
    const base = `http://localhost:${auditPort}`;
    const ids = (await (await fetch(`${base}/ids`)).json()) as string[];
    const suites =
      options.suites.length > 0 ? ids.filter((id) => options.suites.includes(id)) : ids;
    log(
      `Audit ${options.auditDir}: ${suites.length} of ${ids.length} suites; ${options.targets.join(', ')}`,
    );
    const results: SuiteResult[] = [];
    for (const suite of suites) {
      results.push(await runSuite(suite, base, options, workspace.dir, credentials));
      const last = results[results.length - 1]!;
      log(
        `  ${suite}: ${options.targets
          .map((t) => `${t} ${last.results[t]?.filter((c) => c.passed).length ?? 0}/${last.cases}`)
          .join(', ')}`,
      );
    }
    const report = renderReport(results, options.targets);
    console.log(`\n${report}`);
    if (options.targets.includes('ours')) {
      const counts = await records.count(credentials.recordStreamId, started);
      console.log(
        `\nAccess records committed by ours (${records.source}): ${JSON.stringify(counts)}`,
      );
    }
    if (options.out) writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
    const broken = options.targets.length === 2 ? regressions(results, 'ours', 'stock') : [];
    if (broken.length > 0) log(`\nours fails cases stock passes: ${broken.join(', ')}`);
    return broken.length > 0 ? 1 : 0;
  } finally {
    await stopAll();
    workspace.remove();
    await records.stop();
  }
}

async function runSuite(
  suite: string,
  base: string,
  options: Options,
  workDir: string,
  credentials: Awaited<ReturnType<typeof conformanceCredentials>>,
): Promise<SuiteResult> {
  const testsUrl = `${base}/${suite}/tests`;
  const cases = ((await (await fetch(testsUrl)).json()) as unknown[]).length;
  const sdl = await (await fetch(`${base}/${suite}/supergraph`)).text();
  const suiteDir = join(workDir, suite);
  mkdirSync(suiteDir, { recursive: true });
  const path = join(suiteDir, 'supergraph.graphql');
  writeFileSync(path, sdl);
  const result: SuiteResult = { suite, cases, results: {}, notes: [] };
  for (const target of options.targets) {
    try {
      const gateway = await startConformanceTarget(
        target,
        { path, sdl },
        join(suiteDir, target),
        credentials,
      );
      try {
        result.notes.push(...gateway.notes.map((n) => `${target}: ${n}`));
        result.results[target] = await runSuiteCases(
          options.auditDir,
          suite,
          testsUrl,
          gateway.url,
        );
      } finally {
        await gateway.stop();
      }
    } catch (error) {
      result.results[target] = [];
      result.notes.push(`${target} did not run: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return result;
}

interface Options {
  auditDir: string;
  targets: ConformanceTarget[];
  suites: string[];
  /** --out file: every case's result as JSON. */
  out: string | null;
}

function parseArgs(argv: readonly string[]): Options {
  const targets: ConformanceTarget[] = [];
  const suites: string[] = [];
  const positional: string[] = [];
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value.\n\n${USAGE}`);
      return next;
    };
    if (arg === '--target') {
      const target = value();
      if (!(CONFORMANCE_TARGETS as readonly string[]).includes(target))
        throw new Error(`--target is one of ${CONFORMANCE_TARGETS.join(', ')}, not '${target}'.`);
      targets.push(target as ConformanceTarget);
    } else if (arg === '--suite') suites.push(value());
    else if (arg === '--out') out = resolve(value());
    else if (arg.startsWith('-')) throw new Error(`Unknown option ${arg}.\n\n${USAGE}`);
    else positional.push(arg);
  }
  const dir = positional[0] ?? process.env.FEDERATION_AUDIT_DIR;
  if (!dir) throw new Error(`Name the audit checkout.\n\n${USAGE}`);
  const auditDir = resolve(dir);
  for (const needed of ['src/index.ts', 'src/test.ts', 'node_modules/graphql/package.json']) {
    if (!existsSync(join(auditDir, needed)))
      throw new Error(
        `${join(auditDir, needed)} is missing: check out graphql-hive/federation-gateway-audit ` +
          `there and install its dependencies (see bench/conformance/README.md).`,
      );
  }
  return {
    auditDir,
    targets: targets.length > 0 ? [...new Set(targets)] : [...CONFORMANCE_TARGETS],
    suites,
    out,
  };
}

let interrupted = false;
const interrupt = (signal: NodeJS.Signals) => {
  if (interrupted) return;
  interrupted = true;
  log(`\n${signal}: stopping the gateways and the audit's subgraphs...`);
  void stopAll().finally(() => process.exit(130));
};
process.once('SIGINT', interrupt);
process.once('SIGTERM', interrupt);
process.on('exit', terminateAllNow);

main()
  .then((code) => process.exit(code))
  .catch(async (error: unknown) => {
    log(`npm run conformance failed: ${(error as Error).message}`);
    await stopAll();
    process.exit(1);
  });
