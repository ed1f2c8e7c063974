import { PassThrough } from 'node:stream';
import { run } from '../../../scripts/audit';
import { createServer, Socket, type Server } from 'node:net';
import pg from 'pg';
import type { AccessRecord } from '../../../records';
import { migrateRecords } from '../../../records';
import { fromRow, RECORD_COLUMNS, type RecordRow } from '../../../records/columns';
import { canonicalRecord, hashRecord } from '../../../records/record';
import { testDatabaseUrl } from '../../support/database';

/** A pool on the test database with a fresh records schema of its own (one per test file). */
export async function freshRecordsSchema(schema: string): Promise<pg.Pool> {
  const pool = openPool();
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await migrateRecords(pool, { schema });
  return pool;
}

/** A pool on the test database (or on `url`) whose dropped idle connections do no harm. */
export function openPool(url = testDatabaseUrl(), max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  return pool;
}

/** A civil-affairs caseworker checking one person's eligibility for 低保. */
export function caseworkerChecksEligibility(overrides: Partial<AccessRecord> = {}): AccessRecord {
  return {
    time: '2025-03-01T02:00:00.000Z',
    requestId: 'req-1',
    consumer: {
      kind: 'official',
      id: 'official-ca-0042',
      department: 'civil-affairs',
      role: 'caseworker',
      application: 'dibao-review',
    },
    purpose: 'social-assistance-eligibility',
    caseNumber: 'MZ-2025-000123',
    operation: { name: 'EligibilityCheck', hash: 'sha256:4f1c' },
    fields: [
      { coordinate: 'Person.name', pi: 'PERSONAL', effect: 'allow' },
      { coordinate: 'Person.idNumber', pi: 'SENSITIVE', effect: 'mask' },
      { coordinate: 'Person.annualIncome', pi: 'SENSITIVE', effect: 'allow' },
      { coordinate: 'Person.medicalRecords', pi: 'SENSITIVE', effect: 'deny' },
    ],
    departments: ['public-security', 'tax'],
    outcome: 'served',
    durationMs: 42,
    subjects: ['p-000001'],
    delayedUntil: null,
    ...overrides,
  };
}

/** A TCP relay to PostgreSQL that the test can cut (an outage) and restore. */
export interface Relay {
  url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a relay in front of the test database; `url` points at it. */
export async function startRelay(target = new URL(testDatabaseUrl())): Promise<Relay> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => undefined);
          s.on('close', () => {
            sockets.delete(s);
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (server) server.close(() => resolve());
      else resolve();
      server = undefined;
    });
  await listen();
  const url = new URL(target.toString());
  url.port = String(port);
  return { url: url.toString(), cut, restore: listen, close: cut };
}

/** What `npm run audit` printed and returned. */
export interface AuditRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run audit -- <argv>` on `schema` of the test database, with `env` added. */
export function auditCommand(schema: string, env: Record<string, string>) {
  return commandOn(run, ['--schema', schema], env);
}

/** A command's `run(argv, io)` on the test database, with `first` before each argv and `env` added. */
export function commandOn(
  command: typeof run,
  first: readonly string[],
  env: Record<string, string>,
) {
  return async (...argv: string[]): Promise<AuditRun> => {
    const [stdout, stderr] = [new PassThrough(), new PassThrough()];
    let out = '';
    let err = '';
    stdout.on('data', (c) => (out += c));
    stderr.on('data', (c) => (err += c));
    const code = await command([...first, ...argv], {
      stdout,
      stderr,
      env: { DATABASE_URL: testDatabaseUrl(), ...env },
    });
    return { code, stdout: out, stderr: err };
  };
}

/**
 * As a superuser with the triggers off, what an insider could do: gives record `seq` of
 * `streamId` another subject and recomputes every hash from it on, so the chain holds.
 */
export async function rewriteWithHashesRecomputed(
  pool: pg.Pool,
  table: string,
  streamId: string,
  seq: number,
): Promise<void> {
  await pool.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  try {
    const { rows } = await pool.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM ${table} r WHERE stream_id = $1 AND seq >= $2 ORDER BY r.seq`,
      [streamId, seq],
    );
    let prev = rows[0]!.prev_hash;
    for (const row of rows) {
      const record = fromRow(row);
      if (record.seq === seq) record.subjects = ['p-someone-else'];
      const hash = hashRecord(prev, canonicalRecord(record, record.format));
      await pool.query(
        `UPDATE ${table} SET subjects = $1, prev_hash = $2, hash = $3 WHERE stream_id = $4 AND seq = $5`,
        [record.subjects, prev, hash, streamId, record.seq],
      );
      prev = hash;
    }
  } finally {
    await pool.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  }
}
