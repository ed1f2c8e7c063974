import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type pg from 'pg';
import {
  DEFAULT_RECORDS_CHECKPOINT_DIR,
  DEFAULT_RECORDS_CHECKPOINT_KEY_FILE,
} from '../../gateway/config';
import {
  archivedManifests,
  checkAnchors,
  checkArchive,
  checkWitnessed,
  describeAnchorBreak,
  describeBreak,
  loadCheckpointKey,
  readCheckpoints,
  storeIdentity,
  verifyChains,
  type VerifiedHeads,
} from '../../records';
import { archiveDir, type Args, type AuditIo } from './args';

/**
 * audit verify: the chains walked from the last verified checkpoint, the table against every
 * newer signed checkpoint, archived months against their manifests and, with a witness
 * configured, against every checkpoint it cosigned; exit 1 at a break.
 */
export async function verify(pool: pg.Pool, args: Args, io: AuditIo): Promise<number> {
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
