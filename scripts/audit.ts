import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { DEFAULT_RECORDS_CHECKPOINT_KEY_FILE } from '../gateway/config';
import {
  archiveMonth,
  exportJsonLines,
  loadCheckpointKey,
  monthsBefore,
  restoreArchive,
  searchRecords,
} from '../records';
import { ROOT_DIR } from '../schema/load-manifest';
import { redact } from './stack/redact';
import { onToolStore } from './stack/store';
import { runAsMain } from './stack/main';
import { archiveDir, parse, USAGE, USAGE_EXIT_CODE, type Args, type AuditIo } from './audit/args';
import { verify } from './audit/verify';

export { DEFAULT_ARCHIVE_DIR } from './audit/args';
export type { AuditIo } from './audit/args';

/** Where `export` writes when not told: a file per time range under .data/exports/. */
export const DEFAULT_EXPORT_DIR = join(ROOT_DIR, '.data', 'exports');

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

if (require.main === module) runAsMain(run);
