import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';

// A PostgreSQL of this test's own, frozen with SIGSTOP (postmaster and every backend) and thawed.
const APPEND_TIMEOUT_MS = 1_500;
let dataDir: string;
let store: { url: string; stop(): Promise<void> };
let federation: Federation;
beforeAll(async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'govgraph-frozen-'));
  chmodSync(scratch, 0o755); // PostgreSQL runs as 'postgres' when the tests run as root
  dataDir = join(scratch, 'pg');
  store = await startPostgres(dataDir, await freePort());
  federation = await startFederation({
    recordsUrl: store.url,
    recordsDeadlines: {
      appendTimeoutMs: APPEND_TIMEOUT_MS,
      probeIntervalMs: 250,
      connectTimeoutMs: 500,
    },
  });
}, 120_000);
afterAll(async () => {
  signal('SIGCONT');
  await federation?.stop();
  await store?.stop();
});

function signal(name: 'SIGSTOP' | 'SIGCONT'): void {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(Number);
  for (const pid of [postmaster, ...children]) process.kill(pid, name);
}

const PERSONAL = '{ person(id: "PCYGN28R6") { name } }';

async function readiness(): Promise<{ status: number; records: string }> {
  const response = await fetch(`${federation.url}/readyz`);
  return {
    status: response.status,
    records: ((await response.json()) as { records: string }).records,
  };
}

async function until(condition: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

it('a frozen store: personal data withheld within the append timeout, /readyz down while idle, back by itself after the thaw, and no record says served for a 503', async () => {
  const caseworker = await as('caseworker', 'social-assistance-eligibility');
  expect((await federation.query(PERSONAL, {}, caseworker)).errors).toBeUndefined();
  expect(await readiness()).toEqual({ status: 200, records: 'up' });

  signal('SIGSTOP');
  // Idle: no request is sent, yet /readyz learns of it from the background probe.
  expect(await until(async () => (await readiness()).status === 503, 10_000)).toBeLessThan(
    APPEND_TIMEOUT_MS + 1_000,
  );
  const started = Date.now();
  const response = await fetch(`${federation.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...caseworker },
    body: JSON.stringify({ query: PERSONAL }),
  });
  const took = Date.now() - started;
  const withheldId = response.headers.get('x-request-id');
  expect(response.status).toBe(503);
  expect(took).toBeLessThan(APPEND_TIMEOUT_MS + 1_000);
  expect(await readiness()).toEqual({ status: 503, records: 'down' });

  await new Promise((resolve) => setTimeout(resolve, 3_000)); // frozen well past every deadline
  signal('SIGCONT');
  // No request is sent: the background probe alone brings the gateway back.
  await until(async () => (await readiness()).status === 200, 5_000);
  expect((await federation.query(PERSONAL, {}, caseworker)).errors).toBeUndefined();

  const db = new pg.Client({ connectionString: store.url });
  await db.connect();
  const { rows } = await db.query<{ outcome: string; reason: string | null }>(
    `SELECT outcome, reason FROM access_records.access_record WHERE request_id = $1 ORDER BY seq`,
    [withheldId],
  );
  await db.end();
  // Either nothing was stored for it, or what was stored ends with "withheld".
  if (rows.some((r) => r.outcome === 'served')) {
    expect(rows.at(-1)).toEqual({ outcome: 'failed', reason: 'response-withheld' });
  }
});

const BIN = '/usr/lib/postgresql/15/bin';

/** initdb and pg_ctl in a temporary directory, as the 'postgres' user when the tests run as root. */
async function startPostgres(dir: string, port: number) {
  const run = (command: string, args: string[]) => {
    const asPostgres = process.getuid?.() === 0;
    execFileSync(
      asPostgres ? 'runuser' : command,
      asPostgres ? ['-u', 'postgres', '--', command, ...args] : args,
      {
        stdio: 'ignore',
      },
    );
  };
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dirname(dir)]);
  run(`${BIN}/initdb`, ['-D', dir, '-U', 'postgres', '--auth=trust', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  run(`${BIN}/pg_ctl`, ['-D', dir, '-o', options, '-w', '-l', `${dir}/log`, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => run(`${BIN}/pg_ctl`, ['-D', dir, '-m', 'immediate', '-w', 'stop']),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
