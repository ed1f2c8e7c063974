import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { DEFAULT_RECORDS_SCHEMA, MAX_SEARCH_LIMIT } from '../../records';
import { ROOT_DIR } from '../../schema/load-manifest';

/** Where `archive` writes and `verify` looks for archived months (RECORDS_ARCHIVE_DIR). */
export const DEFAULT_ARCHIVE_DIR = join(ROOT_DIR, '.data', 'archive');

export const USAGE = `Usage: npm run audit -- <command> [options]

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
export const USAGE_EXIT_CODE = 2;

export class UsageError extends Error {}

/** Where the command writes; the terminal, or buffers in tests. */
export interface AuditIo {
  stdout: Writable;
  stderr: Writable;
  env?: NodeJS.ProcessEnv;
}

export function archiveDir(args: Args, env: NodeJS.ProcessEnv): string {
  return args.archive ?? env.RECORDS_ARCHIVE_DIR ?? DEFAULT_ARCHIVE_DIR;
}

export interface Args {
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

export function parse(argv: readonly string[]): Args | { command: 'help' } {
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
