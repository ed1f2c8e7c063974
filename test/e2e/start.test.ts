import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { demoClaims, mintToken } from '../../gateway/identity';
import { loadDepartments } from '../../subgraphs';
import { schemaName } from '../../subgraphs/kit';
import { scratchDir } from '../support/scratch';

const ROOT = join(__dirname, '..', '..');

/** Runs `npm start`'s script as a user would, on the embedded PostgreSQL, and waits for its URLs. */
function startFederation(
  dataDir: string,
  port: number,
): {
  child: ChildProcess;
  ready: Promise<string>;
  output: () => string;
} {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EMBEDDED_PG_DIR: dataDir,
    EMBEDDED_PG_PORT: String(port),
    // Its own state file: a developer's running npm start is neither seen nor disturbed.
    STACK_STATE_FILE: join(dataDir, '..', 'stack.json'),
    GATEWAY_PORT: '0',
    SUBGRAPH_PORTS: 'auto',
    CITY_PERSONS: '600',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
    cwd: ROOT,
    env,
  });
  let text = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /Gateway:\s+(http:\/\/\S+)\/graphql/.exec(text);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${text}`)));
  });
  return { child, ready, output: () => text };
}

describe('npm start', () => {
  const scratch = scratchDir('govgraph-start-');
  chmodSync(scratch, 0o755); // PostgreSQL runs as 'postgres' when the tests run as root

  it('serves the whole federation on the embedded PostgreSQL and stops cleanly on Ctrl-C', async () => {
    const dataDir = join(scratch, 'pg');
    const port = 20000 + Math.floor(Math.random() * 20000);
    const { child, ready, output } = startFederation(dataDir, port);
    const url = await ready;
    expect(output()).toMatch(/PostgreSQL \(embedded\)/);

    // A second npm start on the same data says where the first one is, and starts nothing.
    const second = startFederation(dataDir, port);
    await expect(second.ready).rejects.toThrow(
      new RegExp(`npm start is already running \\(pid \\d+, since [^)]+\\): gateway at ${url}`),
    );

    const landing = await fetch(`${url}/`);
    expect(landing.status).toBe(200);
    expect(landing.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await landing.text();
    expect(html).toContain('EnterpriseProfile');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const readiness = (await (await fetch(`${url}/readyz`)).json()) as {
      ready: boolean;
      subgraphs: object;
    };
    expect(readiness.ready).toBe(true);
    expect(Object.keys(readiness.subgraphs)).toHaveLength(9);

    // The development key npm start trusts when no AUTH_* source is set (`npm run token`).
    const token = await mintToken(demoClaims('inspector'));
    const unauthenticated = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-purpose': 'market-supervision' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(unauthenticated.status).toBe(401);
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-purpose': 'market-supervision',
      },
      body: JSON.stringify({
        query:
          '{ enterprises(limit: 3) { uscc legalRepresentative { id name } taxCreditRating { level } } }',
      }),
    });
    const body = (await response.json()) as {
      data: { enterprises: { uscc: string; legalRepresentative: { name: string } }[] };
    };
    expect(body.data.enterprises).toHaveLength(3);
    expect(body.data.enterprises[0]!.legalRepresentative.name.length).toBeGreaterThan(1);

    // Nobody serves as a superuser: each schema is its owner role's, and every connection the
    // stack holds (departments' runtime roles, the records' writer) is an ordinary role.
    const admin = new pg.Client({
      connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    });
    await admin.connect();
    try {
      const schemas = [...loadDepartments().map((d) => schemaName(d)), 'access_records'];
      const owners = await admin.query<{ schema: string; owner: string }>(
        `SELECT nspname AS schema, pg_get_userbyid(nspowner) AS owner FROM pg_namespace
          WHERE nspname = ANY($1::text[]) ORDER BY 1`,
        [schemas],
      );
      expect(owners.rows).toEqual(
        [...schemas].sort().map((schema) => ({
          schema,
          owner: schema === 'access_records' ? 'records_owner' : `${schema}_owner`,
        })),
      );
      const connected = await admin.query<{ role: string; superuser: boolean }>(
        `SELECT DISTINCT a.usename AS role, r.rolsuper AS superuser
           FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
          WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()`,
      );
      expect(connected.rows.filter((r) => r.superuser)).toEqual([]);
      expect(connected.rows.map((r) => r.role)).toEqual(
        expect.arrayContaining(['records_writer', 'market_regulation_runtime']),
      );
    } finally {
      await admin.end();
    }

    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output()).toMatch(/Stopped\./);
    // PostgreSQL removes its pid file when it shuts down: none left means no orphan server.
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
