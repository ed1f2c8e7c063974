import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadContextPublicKey } from '../contracts/subgraph-context';
import { loadManifest, ROOT_DIR } from '../schema/load-manifest';
import { loadDepartments } from '../subgraphs';
import { createCity } from '../fixtures/city';
import { openContext } from './open-context';
import { cityOptionsFromEnv } from '../fixtures/city/dataset';
import {
  departmentUrl,
  openStore,
  prepareDepartment,
  serveSubgraph,
  startSubgraph,
  type Database,
  type RunningSubgraph,
} from '../subgraphs/kit';

/** What this process prints, as one JSON line on stdout, once everything listens. */
export interface SubgraphsReady {
  /** Subgraph name → URL of the department that verifies the gateway's signed context. */
  secured: Record<string, string>;
  /** Subgraph name → URL of the same department, open (bench/open-context.ts). */
  open: Record<string, string>;
  /** GET → { statements }: SQL statements sent by all departments since start. */
  statsUrl: string;
  /** The PostgreSQL of every department without a URL of its own (the gateway's access records go there). */
  storeUrl: string;
  /** Subgraph name → its department's PostgreSQL (the orchestrator draws its ids from them). */
  databaseUrls: Record<string, string>;
  persons: number;
}

/** Where the bench keeps its embedded PostgreSQL, one data directory per dataset size. */
function benchDataDir(persons: number): string {
  return join(ROOT_DIR, '.data', 'bench-postgres', String(persons));
}

/**
 * The nine departments twice over the same databases: a secured set for our gateway and an
 * open set for the stock gateways and direct calls. Env: CITY_PERSONS, CONTEXT_PUBLIC_KEY_FILE,
 * EMBEDDED_PG_PORT.
 */
async function main(): Promise<void> {
  const city = cityOptionsFromEnv();
  const contextKey = loadContextPublicKey(required('CONTEXT_PUBLIC_KEY_FILE'));
  const store = await openStore(process.env, { dataDir: benchDataDir(city.persons) });
  const databases: Database[] = [];
  const subgraphs: RunningSubgraph[] = [];
  let stats: Server | undefined;
  const stop = async () => {
    stats?.close();
    await Promise.allSettled(subgraphs.map((s) => s.stop()));
    await Promise.allSettled(databases.map((db) => db.close()));
    await store.stop();
  };
  onTermination(stop);
  try {
    const generated = createCity(city);
    const departments = loadDepartments(loadManifest());
    for (const department of departments) {
      const started = Date.now();
      databases.push(
        await prepareDepartment(department, departmentUrl(department.name, store), generated),
      );
      console.error(`  ${department.name}: data ready in ${Date.now() - started} ms`);
    }
    const secured: Record<string, string> = {};
    const open: Record<string, string> = {};
    for (const [index, department] of departments.entries()) {
      const db = databases[index]!;
      const a = await startSubgraph(department, db, { port: 0, contextKey });
      const b = await serveSubgraph(department, db, { port: 0, verifyContext: openContext });
      subgraphs.push(a, b);
      secured[department.name] = a.url;
      open[department.name] = b.url;
    }
    stats = await serveStats(() => databases.reduce((sum, db) => sum + db.statements, 0));
    const ready: SubgraphsReady = {
      secured,
      open,
      statsUrl: `http://127.0.0.1:${(stats.address() as AddressInfo).port}/stats`,
      storeUrl: store.url,
      databaseUrls: Object.fromEntries(
        departments.map((d) => [d.name, departmentUrl(d.name, store)]),
      ),
      persons: city.persons,
    };
    process.stdout.write(`${JSON.stringify(ready)}\n`);
  } catch (error) {
    await stop();
    throw error;
  }
}

async function serveStats(statements: () => number): Promise<Server> {
  const server = createServer((req, res) => {
    const found = req.url === '/stats';
    res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
    res.end(found ? JSON.stringify({ statements: statements() }) : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function onTermination(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`bench/subgraphs.ts needs ${name}.`);
  return value;
}

main().catch((error: unknown) => {
  console.error(`bench subgraphs failed: ${(error as Error).message}`);
  process.exit(1);
});
