import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  DEFAULT_RECORDS_SCHEMA,
  describeBreak,
  exportJsonLines,
  verifyChains,
} from '../gateway/records';
import { openStore } from '../subgraphs/kit/store';

const USAGE = `Usage: npm run audit -- <command> [options]

Commands:
  verify [--stream <id>]                          walk the hash chains; exit 1 at the first break
  export --from <ISO> --to <ISO> [--out <file>]   records with from <= time < to, as JSON Lines
                                                  with each hash, previous hash and stream heads

Options:
  --schema <name>   schema of the access records (default ${DEFAULT_RECORDS_SCHEMA})

Database: DATABASE_URL, or the embedded PostgreSQL of 'npm start'.`;

/** Exit code of a wrong command line. */
const USAGE_EXIT_CODE = 2;

class UsageError extends Error {}

/** Where the command writes; the terminal, or buffers in tests. */
export interface AuditIo {
  stdout: Writable;
  stderr: Writable;
  env?: NodeJS.ProcessEnv;
}

/** Runs one audit command (argv without node and script) and returns its exit code. */
export async function run(argv: readonly string[], io: AuditIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return USAGE_EXIT_CODE;
  }
  if (args.command === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const store = await openStore(io.env ?? process.env);
  const pool = new pg.Pool({ connectionString: store.url, max: 2 });
  pool.on('error', () => undefined);
  try {
    const table = await pool.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [
      `"${args.schema.replace(/"/g, '""')}".access_record`,
    ]);
    if (!table.rows[0]?.t) {
      io.stderr.write(
        `No access records here: schema '${args.schema}' has no access_record table. ` +
          'The gateway creates it on start (migrateRecords); check DATABASE_URL and --schema.\n',
      );
      return 1;
    }
    return args.command === 'verify'
      ? await verify(pool, args, io)
      : await exportTo(pool, args, io);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 1;
  } finally {
    await pool.end();
    await store.stop();
  }
}

async function verify(pool: pg.Pool, args: Args, io: AuditIo): Promise<number> {
  const report = await verifyChains(pool, { schema: args.schema, streamId: args.stream });
  for (const s of report.streams) {
    const head = s.head ? `head seq ${s.head.seq} ${s.head.hash}` : 'empty';
    io.stdout.write(
      `${s.firstBreak ? 'BROKEN' : 'ok    '} ${s.streamId}: ${s.records} records, ${head}\n`,
    );
  }
  if (report.firstBreak) {
    io.stderr.write(`${describeBreak(report.firstBreak)}\n`);
    return 1;
  }
  const records = report.streams.reduce((n, s) => n + s.records, 0);
  const streams = report.streams.length;
  io.stdout.write(
    `All chains hold: ${streams} stream${streams === 1 ? '' : 's'}, ${records} records.\n`,
  );
  return 0;
}

async function exportTo(pool: pg.Pool, args: Args, io: AuditIo): Promise<number> {
  const out = args.out ? createWriteStream(args.out) : io.stdout;
  const trailer = await exportJsonLines(
    pool,
    { from: args.from!, to: args.to!, schema: args.schema },
    out,
  );
  if (args.out) {
    out.end();
    await finished(out);
  }
  io.stderr.write(
    `Exported ${trailer.records} records (${trailer.from} to ${trailer.to}) with ${trailer.streams.length} stream heads${args.out ? ` to ${args.out}` : ''}.\n`,
  );
  return 0;
}

interface Args {
  command: 'verify' | 'export';
  schema: string;
  stream?: string;
  from?: string;
  to?: string;
  out?: string;
}

function parse(argv: readonly string[]): Args | { command: 'help' } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      stream: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      schema: { type: 'string', default: DEFAULT_RECORDS_SCHEMA },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...extra] = positionals;
  if (values.help || command === 'help') return { command: 'help' };
  if (extra.length) throw new UsageError(`Unexpected argument '${extra[0]}'.`);
  if (command !== 'verify' && command !== 'export') {
    throw new UsageError(command ? `Unknown command '${command}'.` : 'Name a command.');
  }
  if (command === 'export') {
    for (const key of ['from', 'to'] as const) {
      const value = values[key];
      if (!value || Number.isNaN(Date.parse(value))) {
        throw new UsageError(
          `export needs --${key} as an ISO 8601 time, e.g. 2025-01-01T00:00:00Z.`,
        );
      }
    }
  }
  const { stream, from, to, out, schema = DEFAULT_RECORDS_SCHEMA } = values;
  return { command, schema, stream, from, to, out };
}

if (require.main === module) {
  run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error((error as Error).message);
      process.exitCode = 1;
    },
  );
}
