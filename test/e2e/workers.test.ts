import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKER_INDEX_ENV } from '../../gateway/workers';
import { demoClaims, mintToken } from '../../gateway/identity';
import { loadContextKeys } from '../../contracts/subgraph-context';
import { loadManifest } from '../../schema/load-manifest';
import { startDepartments } from '../../scripts/federation';
import { testDatabaseUrl } from '../support/database';
import { TEST_CITY } from '../support/city';
import { recordsOf } from '../support/records';

const ROOT = join(__dirname, '..', '..');
const STREAM = `workers-${process.pid}`;
const REQUESTS = 24;

let departments: Awaited<ReturnType<typeof startDepartments>>;
let gateway: ChildProcess;
let url: string;
beforeAll(async () => {
  const store = { url: testDatabaseUrl(), embedded: false, stop: async () => undefined };
  departments = await startDepartments(loadManifest(), store, TEST_CITY, {
    contextKey: loadContextKeys(undefined).publicKey,
    ephemeral: true,
  });
  // `npm run gateway` as a user starts it: node with the tsx loader, one primary process.
  gateway = spawn(process.execPath, ['--import', 'tsx', 'scripts/gateway.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      GATEWAY_WORKERS: '2',
      GATEWAY_PORT: '0',
      GATEWAY_HOST: '127.0.0.1',
      RECORD_STREAM_ID: STREAM,
      DATABASE_URL: testDatabaseUrl(),
      RECORDS_CHECKPOINT_DIR: join(mkdtempSync(join(tmpdir(), 'govgraph-workers-')), 'cp'),
      SUBGRAPH_URLS: departments.subgraphs.map((s) => `${s.name}=${s.url}`).join(','),
      LOG_LEVEL: 'warn',
      SHUTDOWN_DRAIN_MS: '0',
      SHUTDOWN_DEADLINE_MS: '5000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /gateway: (http:\/\/\S+)\/graphql \(2 workers\)/.exec(output);
      if (match) resolve(match[1]!);
    };
    gateway.stdout!.on('data', read);
    gateway.stderr!.on('data', read);
    gateway.once('exit', (code) => reject(new Error(`gateway exited with ${code}:\n${output}`)));
  });
}, 120_000);
afterAll(async () => {
  if (gateway.exitCode === null) gateway.kill('SIGKILL');
  await departments?.stop();
});

it('serves one port from two workers, each writing its own record stream, and SIGTERM stops them all', async () => {
  const workers = workersOf(gateway.pid!);
  expect(workers).toHaveLength(2);

  const token = await mintToken(demoClaims('inspector'));
  const bodies: unknown[] = [];
  // A new connection per request: the primary hands connections to the workers in turn.
  for (let i = 0; i < REQUESTS; i++) bodies.push(await enterprises(token));
  expect(bodies).toEqual(Array(REQUESTS).fill({ status: 200, count: 2, errors: false }));

  const first = await recordsOf(`${STREAM}-w1`);
  const second = await recordsOf(`${STREAM}-w2`);
  expect(await recordsOf(STREAM)).toEqual([]);
  // Both answered; every request has one record; each chain is its own, numbered without gaps.
  expect(first.length).toBeGreaterThan(0);
  expect(second.length).toBeGreaterThan(0);
  expect(first.length + second.length).toBe(REQUESTS);
  for (const chain of [first, second]) {
    expect(chain.map((r) => Number(r.seq))).toEqual(chain.map((_, i) => Number(chain[0]!.seq) + i));
  }

  const exited = new Promise<number | null>((resolve) => gateway.once('exit', resolve));
  gateway.kill('SIGTERM');
  expect(await exited).toBe(0);
  for (const pid of workers) expect(alive(pid)).toBe(false);
  await expect(enterprises(token)).rejects.toThrow(/ECONNREFUSED/);
}, 120_000);

function enterprises(token: string): Promise<{ status: number; count: number; errors: boolean }> {
  const body = JSON.stringify({ query: '{ enterprises(limit: 2) { uscc name } }' });
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-purpose': 'market-supervision',
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const parsed = JSON.parse(text) as {
            data?: { enterprises: unknown[] };
            errors?: unknown;
          };
          resolve({
            status: res.statusCode!,
            count: parsed.data?.enterprises.length ?? 0,
            errors: parsed.errors !== undefined,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The gateway workers `pid` forked (its other children: the loader's esbuild service). */
function workersOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return (
          Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid &&
          readFileSync(`/proc/${entry}/environ`, 'utf8').includes(`${WORKER_INDEX_ENV}=`)
        );
      } catch {
        return false;
      }
    })
    .map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
