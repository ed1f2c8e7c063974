import type { ChainReport, ExportedRecord } from '../queries/records';

const CSV_COLUMNS = [
  'id',
  'time',
  'stream_id',
  'seq',
  'consumer_kind',
  'consumer_id',
  'consumer_department',
  'consumer_role',
  'purpose',
  'case_number',
  'operation_name',
  'outcome',
  'policy_revision',
  'departments',
  'fields',
  'subjects',
  'prev_hash',
  'hash',
  'format',
  'canonical',
] as const;

/**
 * How anyone recomputes a record's hash from the export alone (no database, no console): the
 * canonical text is the record's content in its format, JSON with keys sorted at every level.
 * Records of one stream link: a record's prev_hash is the hash of the record of seq - 1.
 */
export const HASH_RECIPE =
  'hash = hex(SHA-256(UTF-8 of prev_hash + "\\n" + canonical)); canonical is the record as JSON (keys sorted at every level, its format inside); within a stream, prev_hash of seq n is the hash of seq n-1.';

/** What the export proves of the chains: the graph's verification when the export was taken. */
export interface ChainProof {
  verifiedAt: string;
  /** null when the viewer's grants do not open the chain verification. */
  chain: ChainReport['accessRecordChain'] | null;
}

/**
 * JSON Lines: one record a line (with its stream, seq, prevHash and hash, so the links can
 * be followed), then a last line with the chain verification taken with it.
 */
export function toJsonLines(records: readonly ExportedRecord[], proof: ChainProof): string {
  const lines = records.map((r) => JSON.stringify({ type: 'record', ...r }));
  lines.push(
    JSON.stringify({ type: 'chain-proof', records: records.length, recipe: HASH_RECIPE, ...proof }),
  );
  return `${lines.join('\n')}\n`;
}

/** CSV (RFC 4180) with the chain columns, then '#' lines with the chain verification. */
export function toCsv(records: readonly ExportedRecord[], proof: ChainProof): string {
  const rows = records.map((r) =>
    [
      r.id,
      r.time,
      r.streamId,
      String(r.seq),
      r.consumer.kind,
      r.consumer.id,
      r.consumer.department ?? '',
      r.consumer.role ?? '',
      r.purpose ?? '',
      r.caseNumber ?? '',
      r.operationName ?? '',
      r.outcome,
      r.policyRevision === null ? '' : String(r.policyRevision),
      r.departments.join(';'),
      r.fields.map((f) => `${f.coordinate}:${f.effect}`).join(';'),
      r.subjects.join(';'),
      r.prevHash,
      r.hash,
      String(r.format),
      r.canonical,
    ]
      .map(csvCell)
      .join(','),
  );
  const proofLines = [
    `# ${HASH_RECIPE}`,
    ...(proof.chain
      ? [
          `# chain verified at ${proof.verifiedAt}: ${proof.chain.ok ? 'whole' : 'BROKEN'}`,
          ...proof.chain.streams.map(
            (s) =>
              `# stream ${s.streamId} records=${s.records} headSeq=${s.headSeq ?? ''} headHash=${s.headHash ?? ''}${s.firstBreak ? ` break: ${s.firstBreak.description}` : ''}`,
          ),
        ]
      : [`# chain verification not in your grants at ${proof.verifiedAt}`]),
  ];
  return `${[CSV_COLUMNS.join(','), ...rows, ...proofLines].join('\r\n')}\r\n`;
}

/** Quoted when needed; a leading = + - @ is neutralised so no spreadsheet runs it. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
