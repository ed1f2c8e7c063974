import type { StoredRecord } from './record';
import { RECORD_FORMAT } from './record';

const ISO_MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * The SELECT list that reads a stored record back, times as ISO strings (UTC, ms). Its
 * aliases shadow the columns in ORDER BY: order by the table alias's columns (`r.seq`).
 */
export const RECORD_COLUMNS = `stream_id, seq::text AS seq, id::text AS id, format,
  to_char(occurred_at AT TIME ZONE 'UTC', ${ISO_MS}) AS occurred_at, request_id,
  consumer_kind, consumer_id, consumer_department, consumer_role, consumer_application,
  purpose, case_number, operation_name, operation_hash, fields, departments, outcome,
  duration_ms, subjects, to_char(delayed_until AT TIME ZONE 'UTC', ${ISO_MS}) AS delayed_until,
  client_address, reason, count, trace_id, policy_revision::int AS policy_revision, document_id, prev_hash, hash`;

/** A row as {@link RECORD_COLUMNS} selects it (and as the writer sends it, as JSON). */
export interface RecordRow {
  stream_id: string;
  seq: string | number;
  id: string;
  format: number;
  occurred_at: string;
  request_id: string;
  consumer_kind: StoredRecord['consumer']['kind'];
  consumer_id: string;
  consumer_department: string | null;
  consumer_role: string | null;
  consumer_application: string | null;
  purpose: string | null;
  case_number: string | null;
  operation_name: string | null;
  operation_hash: string;
  fields: StoredRecord['fields'];
  departments: string[];
  outcome: StoredRecord['outcome'];
  duration_ms: number;
  subjects: string[];
  delayed_until: string | null;
  client_address: string | null;
  reason: string | null;
  count: number;
  trace_id: string | null;
  policy_revision: number | null;
  document_id: string | null;
  prev_hash: string;
  hash: string;
}

/** The record a row holds, with the format it was hashed in. */
export function fromRow(row: RecordRow): StoredRecord & { format: number } {
  return {
    id: row.id,
    streamId: row.stream_id,
    seq: Number(row.seq),
    format: row.format,
    time: row.occurred_at,
    requestId: row.request_id,
    consumer: {
      kind: row.consumer_kind,
      id: row.consumer_id,
      department: row.consumer_department,
      role: row.consumer_role,
      application: row.consumer_application,
    },
    purpose: row.purpose,
    caseNumber: row.case_number,
    operation: { name: row.operation_name, hash: row.operation_hash },
    fields: row.fields,
    departments: row.departments,
    outcome: row.outcome,
    durationMs: row.duration_ms,
    subjects: row.subjects,
    delayedUntil: row.delayed_until,
    clientAddress: row.client_address,
    reason: row.reason,
    count: row.count,
    traceId: row.trace_id,
    policyRevision: row.policy_revision,
    documentId: row.document_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The row that stores a record (inserted through json_to_recordset), in the current format. */
export function toRow(record: StoredRecord): RecordRow {
  return {
    stream_id: record.streamId,
    seq: record.seq,
    id: record.id,
    format: RECORD_FORMAT,
    occurred_at: record.time,
    request_id: record.requestId,
    consumer_kind: record.consumer.kind,
    consumer_id: record.consumer.id,
    consumer_department: record.consumer.department,
    consumer_role: record.consumer.role,
    consumer_application: record.consumer.application,
    purpose: record.purpose,
    case_number: record.caseNumber,
    operation_name: record.operation.name,
    operation_hash: record.operation.hash,
    fields: record.fields,
    departments: record.departments,
    outcome: record.outcome,
    duration_ms: record.durationMs,
    subjects: record.subjects,
    delayed_until: record.delayedUntil,
    client_address: record.clientAddress ?? null,
    reason: record.reason ?? null,
    count: record.count ?? 1,
    trace_id: record.traceId ?? null,
    policy_revision: record.policyRevision ?? null,
    document_id: record.documentId ?? null,
    prev_hash: record.prevHash,
    hash: record.hash,
  };
}

/**
 * `INSERT ... SELECT FROM json_to_recordset($1)`: a whole batch in one statement, one parameter.
 * The function of migration 010 (append_records) inserts the same columns: a new column needs a
 * migration that replaces that function too.
 */
export function insertStatement(table: string): string {
  return `INSERT INTO ${table} (stream_id, seq, id, format, occurred_at, request_id,
      consumer_kind, consumer_id, consumer_department, consumer_role, consumer_application,
      purpose, case_number, operation_name, operation_hash, fields, departments, outcome,
      duration_ms, subjects, delayed_until, client_address, reason, count, trace_id, policy_revision,
      document_id, prev_hash, hash)
    SELECT * FROM json_to_recordset($1::json) AS r(stream_id text, seq bigint, id uuid,
      format smallint, occurred_at timestamptz, request_id text, consumer_kind text,
      consumer_id text, consumer_department text, consumer_role text,
      consumer_application text, purpose text, case_number text, operation_name text,
      operation_hash text, fields jsonb, departments text[], outcome text, duration_ms integer,
      subjects text[], delayed_until timestamptz, client_address text, reason text,
      count integer, trace_id text, policy_revision bigint, document_id text, prev_hash text,
      hash text)`;
}
