import { createWriteStream } from 'node:fs';
import { relative } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  DEFAULT_RECORDS_CHECKPOINT_DIR,
  DEFAULT_RECORDS_CHECKPOINT_KEY_FILE,
} from '../gateway/config';
import {
  archiveMonth,
  archivedManifests,
  checkArchive,
  monthsBefore,
  restoreArchive,
  checkAnchors,
  checkWitnessed,
  describeAnchorBreak,
  loadCheckpointKey,
  readCheckpoints,
  storeIdentity,
  type VerifiedHeads,
  DEFAULT_RECORDS_SCHEMA,
  describeBreak,
  exportJsonLines,
  MAX_SEARCH_LIMIT,
  searchRecords,
  verifyChains,
} from '../records';
import { ROOT_DIR } from '../schema/load-manifest';
import { redact } from './stack/redact';
import { onToolStore } from './stack/store';
import { runAsMain } from './stack/main';

/** Where `export` writes when not told: a file per time range under .data/exports/. */
export const DEFAULT_EXPORT_DIR = join(ROOT_DIR, '.data', 'exports');

/** Where `archive` writes and `verify` looks for archived months (RECORDS_ARCHIVE_DIR). */
export const DEFAULT_ARCHIVE_DIR = join(ROOT_DIR, '.data', 'archive');

const USAGE = `Usage: npm run audit -- <command> [options]

Commands:
  verify [--stream <id>] [--full]                 walk the hash chains from the last verified
                                                  checkpoint (--full: from the start) and check
                                                  every newer signed checkpoint; exit 1 at a break
         [--checkpoints <dir>] [--key <pem>]      checkpoints (default RECORDS_CHECKPOINT_DIR) and
                                                  their key, private or public (RECORDS_CHECKPOINT_KEY_FILE)
         [--state <file>]                         where verification resumes (default: in --checkpoints)
         [--archive <dir>]                        archived months' files (default RECORDS_ARCHIVE_DIR)
         [--store-id <uuid>]                      the store expected (RECORDS_STORE_ID): refuse another
         [--witness-key <pem>] [--witness-dir <d>] the witness's public key and cosignatures
                                                  (RECORDS_WITNESS_KEY_FILE, RECORDS_WITNESS_DIR):
                                                  the table must match every witnessed checkpoint
  export --from <ISO> --to <ISO> [--out <file>]   records with from <= time < to, as JSON Lines
                                                  with each hash, previous hash and stream heads;
                                                  to --out (- for stdout), else under .data/exports/
  archive --before <YYYY-MM> [--archive <dir>]    per month before, a gzip JSON Lines file with a
                                                  manifest (signed with --key when it is private),
                                                  then DETACH the partition (as the records' owner)
  restore <file>                                  re-attach (or re-import) an archived month
  refusals [--from <ISO>] [--to <ISO>] [--reason <code>] [--client <address>] [--unidentified]
           [--limit <n>]                          refused requests, newest first: probing shows
                                                  as security events (--unidentified: no consumer)

Options:
  --schema <name>   schema of the access records (default ${DEFAULT_RECORDS_SCHEMA})

Database: DATABASE_URL; else the PostgreSQL of the running 'npm start' (found in .data/stack.json);
else the embedded PostgreSQL, started for this command (stop 'npm start' first, or it is in use).`;

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
  return onToolStore(io.env ?? process.env, io.stderr, async (pool, store) => {
    const table = await pool.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [
      `"${args.schema.replace(/"/g, '""')}".access_record`,
    ]);
    if (!table.rows[0]?.t) {
      io.stderr.write(
        `No access records here: schema '${args.schema}' has no access_record table. ` +
          `The gateway creates it on start (migrateRecords): start it once (npm start), or check DATABASE_URL (${redact(store.url)}) and --schema.\n`,
      );
      return 1;
    }
    if (args.command === 'refusals') return refusals(pool, args, io);
    if (args.command === 'archive') return archive(pool, args, io);
    if (args.command === 'restore') return restore(pool, args, io);
    return args.command === 'verify' ? verify(pool, args, io) : exportTo(pool, args, io);
  });
}

async function verify(pool: pg.Pool, args: Args, io: AuditIo): Promise<number> {
  const env = io.env ?? process.env;
  const dir = args.checkpoints ?? env.RECORDS_CHECKPOINT_DIR ?? DEFAULT_RECORDS_CHECKPOINT_DIR;
  const found = await storeIdentity(pool, args.schema);
  // The auditor's pinned identity: a database claiming another store is not the one audited.
  const storeId = args.storeId ?? env.RECORDS_STORE_ID ?? found;
  if (storeId !== found) {
    io.stderr.write(
      `The records database is store ${found}, not the store ${storeId} this audit expects (--store-id, RECORDS_STORE_ID): it was replaced or is another one.\n`,
    );
    return 1;
  }
  const checkpoints = readCheckpoints(dir, storeId);
  if (args.stream)
    for (const id of [...checkpoints.keys()]) if (id !== args.stream) checkpoints.delete(id);
  const statePath = args.state ?? join(dir, storeId, 'verified.json');
  const since: VerifiedHeads =
    args.full || !existsSync(statePath) ? {} : JSON.parse(readFileSync(statePath, 'utf8'));
  let anchored: Awaited<ReturnType<typeof checkAnchors>> = { breaks: [], held: since };
  const manifests = await archivedManifests(pool, args.schema);
  const archivedRuns = manifests.flatMap((m) => m.runs);
  const keyFile =
    args.key ?? env.RECORDS_CHECKPOINT_KEY_FILE ?? DEFAULT_RECORDS_CHECKPOINT_KEY_FILE;
  const archiveKey = existsSync(keyFile) ? loadCheckpointKey(keyFile) : undefined;
  let archiveProblems = 0;
  for (const manifest of manifests) {
    const { problems, notes } = await checkArchive(manifest, archiveDir(args, env), archiveKey);
    for (const line of [...problems, ...notes]) io.stderr.write(`${line}\n`);
    archiveProblems += problems.length;
  }
  if (checkpoints.size > 0) {
    const key = loadCheckpointKey(keyFile);
    anchored = await checkAnchors(
      pool,
      `"${args.schema.replace(/"/g, '""')}".access_record`,
      checkpoints,
      key,
      since,
      archivedRuns,
    );
  }
  const witness = await witnessed(pool, args, env, { storeId, keyFile, checkpoints, since });
  const report = await verifyChains(pool, {
    schema: args.schema,
    streamId: args.stream,
    from: since,
    archived: archivedRuns,
  });
  for (const s of report.streams) {
    const head = s.head ? `head seq ${s.head.seq} ${s.head.hash}` : 'empty';
    const from =
      (s.from ? ` after seq ${s.from}` : '') + (s.archived ? ` (${s.archived} archived)` : '');
    io.stdout.write(
      `${s.firstBreak ? 'BROKEN' : 'ok    '} ${s.streamId}: ${s.records} records${from}, ${head}\n`,
    );
  }
  for (const b of anchored.breaks) io.stderr.write(`${describeAnchorBreak(b)}\n`);
  if (report.firstBreak) io.stderr.write(`${describeBreak(report.firstBreak)}\n`);
  for (const line of [...witness.problems, ...witness.notes]) io.stderr.write(`${line}\n`);
  if (report.firstBreak || anchored.breaks.length > 0 || archiveProblems > 0) return 1;
  if (witness.problems.length > 0) return 1;
  const records = report.streams.reduce((n, s) => n + s.records, 0);
  const streams = report.streams.length;
  const signed = [...checkpoints.values()].reduce((n, list) => n + list.length, 0);
  io.stdout.write(
    `All chains hold: ${streams} stream${streams === 1 ? '' : 's'}, ${records} records` +
      (signed > 0 ? `; every signed checkpoint matches (${signed} in ${dir})` : '') +
      (witness.cosigned > 0 ? `; every witnessed one too (${witness.cosigned})` : '') +
      '.\n',
  );
  if (signed === 0) {
    io.stderr.write(
      `No signed checkpoints for store ${storeId} in ${dir}: removing a stream's last records, or rewriting records with every later hash recomputed, would not show.\n`,
    );
  } else {
    mkdirSync(dirname(statePath), { recursive: true });
    writeFileSync(`${statePath}.tmp`, `${JSON.stringify(anchored.held, null, 2)}\n`);
    renameSync(`${statePath}.tmp`, statePath);
  }
  return 0;
}

/** With a witness key configured, the table checked against the witness's cosignatures. */
async function witnessed(
  pool: pg.Pool,
  args: Args,
  env: NodeJS.ProcessEnv,
  context: {
    storeId: string;
    keyFile: string;
    checkpoints: ReturnType<typeof readCheckpoints>;
    since: VerifiedHeads;
  },
): Promise<{ problems: string[]; notes: string[]; cosigned: number }> {
  const witnessKeyFile = args.witnessKey ?? env.RECORDS_WITNESS_KEY_FILE;
  if (!witnessKeyFile) return { problems: [], notes: [], cosigned: 0 };
  const dir = args.witnessDir ?? env.RECORDS_WITNESS_DIR;
  if (!dir)
    throw new Error(
      'A witness key needs the witness directory: --witness-dir or RECORDS_WITNESS_DIR.',
    );
  return checkWitnessed(pool, `"${args.schema.replace(/"/g, '""')}".access_record`, {
    dir,
    storeId: context.storeId,
    witnessKey: loadCheckpointKey(witnessKeyFile),
    gatewayKey: loadCheckpointKey(context.keyFile),
    checkpoints: context.checkpoints,
    streamId: args.stream,
    since: context.since,
    archived: (await archivedManifests(pool, args.schema)).flatMap((m) => m.runs),
  });
}

async function exportTo(pool: pg.Pool, args: Args, io: AuditIo): Promise<number> {
  const path = args.out === '-' ? undefined : (args.out ?? defaultExportPath(args.from!, args.to!));
  if (path) mkdirSync(dirname(path), { recursive: true });
  const out = path ? createWriteStream(path) : io.stdout;
  const trailer = await exportJsonLines(
    pool,
    { from: args.from!, to: args.to!, schema: args.schema },
    out,
  );
  if (path) {
    out.end();
    await finished(out);
  }
  const shown = path && !args.out ? relative(process.cwd(), path) : path;
  io.stderr.write(
    `Exported ${trailer.records} records (${trailer.from} to ${trailer.to}) with ${trailer.streams.length} stream heads${shown ? ` to ${shown}` : ''}.\n`,
  );
  return 0;
}

function archiveDir(args: Args, env: NodeJS.ProcessEnv): string {
  return args.archive ?? env.RECORDS_ARCHIVE_DIR ?? DEFAULT_ARCHIVE_DIR;
}

async function archive(pool: pg.Pool, args: Args, io: AuditIo): Promise<number> {
  const env = io.env ?? process.env;
  const dir = archiveDir(args, env);
  const keyFile =
    args.key ?? env.RECORDS_CHECKPOINT_KEY_FILE ?? DEFAULT_RECORDS_CHECKPOINT_KEY_FILE;
  const key = existsSync(keyFile) ? loadCheckpointKey(keyFile) : undefined;
  const months = await monthsBefore(pool, args.schema, args.before!);
  for (const month of months) {
    const manifest = await archiveMonth(pool, { schema: args.schema, month, dir, key });
    io.stdout.write(
      `archived ${month}: ${manifest.records} records to ${join(dir, manifest.file)} (sha256 ${manifest.sha256}${manifest.signature ? ', signed' : ', unsigned: no private checkpoint key'})\n`,
    );
  }
  io.stderr.write(
    months.length === 0
      ? `No attached month before ${args.before}.\n`
      : `Archived ${months.length} month${months.length === 1 ? '' : 's'}; the detached tables stay in schema ${args.schema} until dropped.\n`,
  );
  return 0;
}

async function restore(pool: pg.Pool, args: Args, io: AuditIo): Promise<number> {
  const { manifest, how } = await restoreArchive(pool, { schema: args.schema, file: args.file! });
  io.stdout.write(`restored ${manifest.month}: ${manifest.records} records (${how}).\n`);
  return 0;
}

async function refusals(pool: pg.Pool, args: Args, io: AuditIo): Promise<number> {
  const page = await searchRecords(pool, {
    outcome: 'refused',
    from: args.from,
    to: args.to,
    reason: args.reason,
    clientAddress: args.client,
    consumerKind: args.unidentified ? 'unidentified' : undefined,
    limit: args.limit,
    schema: args.schema,
  });
  for (const r of page.records) {
    const who =
      r.consumer.kind === 'official'
        ? `${r.consumer.department}/${r.consumer.role} ${r.consumer.id}`
        : r.consumer.kind;
    io.stdout.write(
      `${r.time} ${String(r.count ?? 1).padStart(5)}x ${r.reason ?? '-'} from ${r.clientAddress ?? '(many addresses)'} by ${who} request ${r.requestId}\n`,
    );
  }
  io.stderr.write(
    `${page.records.length} refusal record${page.records.length === 1 ? '' : 's'}${page.next ? ` (more: raise --limit or narrow --from/--to)` : ''}.\n`,
  );
  return 0;
}

function defaultExportPath(from: string, to: string): string {
  const safe = (t: string) => t.replace(/[^0-9A-Za-z-]/g, '');
  return join(DEFAULT_EXPORT_DIR, `access-records-${safe(from)}-${safe(to)}.jsonl`);
}

interface Args {
  command: 'verify' | 'export' | 'refusals' | 'archive' | 'restore';
  archive?: string;
  before?: string;
  file?: string;
  checkpoints?: string;
  key?: string;
  storeId?: string;
  witnessKey?: string;
  witnessDir?: string;
  state?: string;
  full?: boolean;
  reason?: string;
  client?: string;
  unidentified?: boolean;
  limit: number;
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
      checkpoints: { type: 'string' },
      key: { type: 'string' },
      'store-id': { type: 'string' },
      'witness-key': { type: 'string' },
      'witness-dir': { type: 'string' },
      state: { type: 'string' },
      full: { type: 'boolean' },
      archive: { type: 'string' },
      before: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      schema: { type: 'string', default: DEFAULT_RECORDS_SCHEMA },
      reason: { type: 'string' },
      client: { type: 'string' },
      unidentified: { type: 'boolean' },
      limit: { type: 'string', default: '100' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...extra] = positionals;
  if (values.help || command === 'help') return { command: 'help' };
  const file = command === 'restore' ? extra.shift() : undefined;
  if (extra.length) throw new UsageError(`Unexpected argument '${extra[0]}'.`);
  if (
    command !== 'verify' &&
    command !== 'export' &&
    command !== 'refusals' &&
    command !== 'archive' &&
    command !== 'restore'
  ) {
    throw new UsageError(command ? `Unknown command '${command}'.` : 'Name a command.');
  }
  if (command === 'restore' && !file) throw new UsageError('restore needs the archive file.');
  if (command === 'archive' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.before ?? '')) {
    throw new UsageError('archive needs --before as a month, e.g. --before 2025-01.');
  }
  for (const key of ['from', 'to'] as const) {
    const value = values[key];
    if (command === 'export' || value !== undefined) {
      if (!value || Number.isNaN(Date.parse(value))) {
        throw new UsageError(
          `${command} needs --${key} as an ISO 8601 time, e.g. 2025-01-01T00:00:00Z.`,
        );
      }
    }
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}.`);
  }
  const { stream, from, to, out, reason, client, unidentified, checkpoints, key, state, full } =
    values;
  const schema = values.schema ?? DEFAULT_RECORDS_SCHEMA;
  return {
    command,
    schema,
    stream,
    from,
    to,
    out,
    reason,
    client,
    unidentified,
    limit,
    checkpoints,
    key,
    state,
    full,
    archive: values.archive,
    before: values.before,
    storeId: values['store-id'],
    witnessKey: values['witness-key'],
    witnessDir: values['witness-dir'],
    file,
  };
}

if (require.main === module) runAsMain(run);
