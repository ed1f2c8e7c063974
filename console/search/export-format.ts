import type { ChainReport, RecordRow } from '../queries/records';

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
] as const;

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
export function toJsonLines(records: readonly RecordRow[], proof: ChainProof): string {
  const lines = records.map((r) => JSON.stringify({ type: 'record', ...r }));
  lines.push(JSON.stringify({ type: 'chain-proof', records: records.length, ...proof }));
  return `${lines.join('\n')}\n`;
}

/** CSV (RFC 4180) with the chain columns, then '#' lines with the chain verification. */
export function toCsv(records: readonly RecordRow[], proof: ChainProof): string {
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
    ]
      .map(cell)
      .join(','),
  );
  const proofLines = proof.chain
    ? [
        `# chain verified at ${proof.verifiedAt}: ${proof.chain.ok ? 'whole' : 'BROKEN'}`,
        ...proof.chain.streams.map(
          (s) =>
            `# stream ${s.streamId} records=${s.records} headSeq=${s.headSeq ?? ''} headHash=${s.headHash ?? ''}${s.firstBreak ? ` break: ${s.firstBreak.description}` : ''}`,
        ),
      ]
    : [`# chain verification not in your grants at ${proof.verifiedAt}`];
  return `${[CSV_COLUMNS.join(','), ...rows, ...proofLines].join('\r\n')}\r\n`;
}

/** Quoted when needed; a leading = + - @ is neutralised so no spreadsheet runs it. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
