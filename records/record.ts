import { createHash } from 'node:crypto';
import type { ConsumerKind } from '../contracts/consumer';

/** Whether a field carries personal information (个人信息), and whether it is sensitive. */
export type PiClass = 'NONE' | 'PERSONAL' | 'SENSITIVE';

/** What the policy did with a field: served whole, served masked, or refused. */
export type FieldEffect = 'allow' | 'mask' | 'deny';

/** How the operation ended: data served, refused by policy, or failed for another reason. */
export type Outcome = 'served' | 'refused' | 'failed';

/** One schema coordinate the operation asked for, and what the policy did with it. */
export interface FieldAccess {
  /** `Type.field`, e.g. 'Person.idNumber'. */
  coordinate: string;
  pi: PiClass;
  effect: FieldEffect;
  /** The grant that opened it (format 4; null: denied, or UNCONDITIONAL and no grant needed). */
  grant?: string | null;
  /** The sharing request the grant was derived from (format 6; null: none). */
  request?: string | null;
}

/** Who asked: the identity the gateway established for the request ('unidentified': none could be). */
export interface RecordConsumer {
  kind: ConsumerKind | 'unidentified';
  /** The official's (or citizen's) account id; 'anonymous' or 'unidentified' when there is none. */
  id: string;
  department: string | null;
  role: string | null;
  application: string | null;
}

/**
 * What the gateway reports about one operation it served or refused. Never carries a value
 * that was read: only coordinates, and the pseudonymous ids of the persons concerned.
 */
export interface AccessRecord {
  /** When the operation arrived (ISO 8601; stored to the millisecond, in UTC). */
  time: string;
  requestId: string;
  consumer: RecordConsumer;
  /** Purpose code the request stated (e.g. 'social-assistance-eligibility'). */
  purpose: string | null;
  /** Case number (案件编号) the request stated. */
  caseNumber: string | null;
  /** The operation's name and SHA-256; hash '' when the request was refused before its operation was read. */
  operation: { name: string | null; hash: string };
  fields: FieldAccess[];
  /** Departments (subgraph names) the gateway called. */
  departments: string[];
  outcome: Outcome;
  /** Whole milliseconds the operation took. */
  durationMs: number;
  /** Pseudonymous ids (`Person.id`) of the persons whose personal information was disclosed. */
  subjects: string[];
  /** Hidden from the persons concerned until this time (open investigation); null: at once. */
  delayedUntil: string | null;
  /** The client's network address as the gateway saw it (default null). */
  clientAddress?: string | null;
  /** Why the operation was refused or failed, a code such as 'token-expired' (default null: served). */
  reason?: string | null;
  /** How many identical refusals this record stands for: security events are coalesced (default 1). */
  count?: number;
  /** The W3C trace id (32 hex digits) of the operation's trace when tracing is on (default null). */
  traceId?: string | null;
  /** The policy revision the request was pinned to (format 4; null: none, e.g. refused before admission). */
  policyRevision?: number | null;
  /** The trusted document the operation ran, by id (format 5; null: none, or not in its application's manifest). */
  documentId?: string | null;
}

/** A record's place in its writer's chain. */
export interface ChainPosition {
  id: string;
  streamId: string;
  seq: number;
}

/** A record as stored: its content, its place in the chain and the chain's hashes. */
export interface StoredRecord extends AccessRecord, ChainPosition {
  prevHash: string;
  hash: string;
}

/**
 * The reason of a record that corrects an earlier one of the same stream and request id: the
 * response was withheld after all (its record committed after the request gave up on it).
 */
export const WITHHELD_REASON = 'response-withheld';

/** The previous hash of a stream's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Version of the canonical form; hashed with the content, so it can never change silently.
 * 1: the first content; 2: adds clientAddress, reason and count; 3: adds traceId; 4: adds
 * policyRevision, and the grant of each field; 5: adds documentId; 6: adds the sharing request
 * behind each field's grant.
 */
export const RECORD_FORMAT = 6;

/** JSON with object keys sorted at every level: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError(`canonicalJson: ${value} has no JSON form.`);
    }
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${text}]`;
  }
  const object = value as Record<string, unknown>;
  let text = '';
  for (const key of sortedKeys(object)) {
    if (object[key] === undefined) continue;
    text += (text ? ',' : '') + keyText(key) + canonicalJson(object[key]);
  }
  return `{${text}}`;
}

// Records have a handful of shapes: their key orders and quoted keys are computed once (the
// writer hashes every record on the response path). Bounded, so odd input cannot grow them.
const SHAPES_KEPT = 1_000;
const sortedByShape = new Map<string, readonly string[]>();
const quotedKeys = new Map<string, string>();

function sortedKeys(object: Record<string, unknown>): readonly string[] {
  const keys = Object.keys(object);
  const shape = JSON.stringify(keys);
  let sorted = sortedByShape.get(shape);
  if (!sorted) {
    // Array.prototype.sort compares UTF-16 code units: a fixed order on every platform.
    sorted = keys.sort();
    if (sortedByShape.size < SHAPES_KEPT) sortedByShape.set(shape, sorted);
  }
  return sorted;
}

function keyText(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < SHAPES_KEPT * 10) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** The text a record's hash covers: its content, its format and its place in the chain. */
export function canonicalRecord(
  record: AccessRecord & ChainPosition,
  format: number = RECORD_FORMAT,
): string {
  if (format === RECORD_FORMAT) {
    const text = canonicalCurrent(record);
    if (text !== undefined) return text;
  }
  return canonicalRecordByKeys(record, format);
}

/** {@link canonicalRecord} the general way: the content of the format, keys sorted at every level. */
export function canonicalRecordByKeys(
  record: AccessRecord & ChainPosition,
  format: number = RECORD_FORMAT,
): string {
  return canonicalJson({ format, ...pickContent(record, format) });
}

/**
 * The canonical text of the current format written out key by key, without the copies of
 * {@link pickContent} and the sorting of {@link canonicalJson} (the writer hashes every record
 * on the response path). Only for a record in the shape the writer stores (every key present,
 * nested objects with their own keys only, finite numbers); undefined for anything else, which
 * goes the general way. Gives the same text as the general way (test/unit/records/canonical).
 */
function canonicalCurrent(r: AccessRecord & ChainPosition): string | undefined {
  const { consumer, operation } = r;
  if (
    !plain(consumer, CONSUMER_KEYS) ||
    !plain(operation, OPERATION_KEYS) ||
    !Array.isArray(r.fields) ||
    !strings(r.departments) ||
    !strings(r.subjects) ||
    !finite(r.durationMs) ||
    !finite(r.seq) ||
    !(r.count === undefined || finite(r.count)) ||
    !(r.policyRevision == null || finite(r.policyRevision))
  ) {
    return undefined;
  }
  let fields = '';
  for (const f of r.fields) {
    if (!plain(f, FIELD_KEYS, 3)) return undefined;
    fields +=
      `${fields ? ',' : ''}{"coordinate":${json(f.coordinate)},"effect":${json(f.effect)},` +
      `"grant":${json(f.grant ?? null)},"pi":${json(f.pi)},"request":${json(f.request ?? null)}}`;
  }
  const required = [r.caseNumber, r.purpose, r.requestId, r.streamId, r.time, r.delayedUntil];
  const optional = [r.clientAddress, r.reason, r.traceId, r.documentId];
  if (
    ![...required, r.id, r.outcome].every(textOrNull) ||
    !optional.every((v) => v === undefined || textOrNull(v))
  ) {
    return undefined;
  }
  return (
    `{"caseNumber":${json(r.caseNumber)},"clientAddress":${json(r.clientAddress ?? null)},` +
    `"consumer":{"application":${json(consumer.application)},"department":${json(consumer.department)},` +
    `"id":${json(consumer.id)},"kind":${json(consumer.kind)},"role":${json(consumer.role)}},` +
    `"count":${json(r.count ?? 1)},"delayedUntil":${json(r.delayedUntil)},` +
    `"departments":${JSON.stringify(r.departments)},"documentId":${json(r.documentId ?? null)},` +
    `"durationMs":${json(r.durationMs)},"fields":[${fields}],"format":${RECORD_FORMAT},` +
    `"id":${json(r.id)},"operation":{"hash":${json(operation.hash)},"name":${json(operation.name)}},` +
    `"outcome":${json(r.outcome)},"policyRevision":${json(r.policyRevision ?? null)},` +
    `"purpose":${json(r.purpose)},"reason":${json(r.reason ?? null)},` +
    `"requestId":${json(r.requestId)},"seq":${json(r.seq)},"streamId":${json(r.streamId)},` +
    `"subjects":${JSON.stringify(r.subjects)},"time":${json(r.time)},"traceId":${json(r.traceId ?? null)}}`
  );
}

const CONSUMER_KEYS = new Set(['kind', 'id', 'department', 'role', 'application']);
const OPERATION_KEYS = new Set(['name', 'hash']);
const FIELD_KEYS = new Set(['coordinate', 'pi', 'effect', 'grant', 'request']);

/** A plain object whose keys are all of `keys` (at least `least` of them), none undefined but the optional. */
function plain(value: unknown, keys: ReadonlySet<string>, least = keys.size): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  let n = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || !keys.has(key)) return false;
    const v = (value as Record<string, unknown>)[key];
    if (v !== null && typeof v !== 'string') return false;
    n += 1;
  }
  if (n < least) return false;
  // Required keys (all but a field's grant and request) must be there.
  if (least === keys.size) return true;
  const o = value as Record<string, unknown>;
  return (
    typeof o.coordinate === 'string' && typeof o.pi === 'string' && typeof o.effect === 'string'
  );
}

function textOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

function strings(values: unknown): values is string[] {
  return Array.isArray(values) && values.every((v) => typeof v === 'string');
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A string or null as canonicalJson writes it (anything else has been checked before). */
function json(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 (hex) of the previous hash and the canonical record: one link of the chain. */
export function hashRecord(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

// A StoredRecord also carries its hashes: only the content and position are hashed, in the
// form of the record's own format (audit before release: never change what a format covers).
function pickContent(
  r: AccessRecord & ChainPosition,
  format: number,
): AccessRecord & ChainPosition {
  const first = {
    id: r.id,
    streamId: r.streamId,
    seq: r.seq,
    time: r.time,
    requestId: r.requestId,
    consumer: r.consumer,
    purpose: r.purpose,
    caseNumber: r.caseNumber,
    operation: r.operation,
    fields: r.fields,
    departments: r.departments,
    outcome: r.outcome,
    durationMs: r.durationMs,
    subjects: r.subjects,
    delayedUntil: r.delayedUntil,
  };
  if (format < 2) return first;
  const second = {
    ...first,
    clientAddress: r.clientAddress ?? null,
    reason: r.reason ?? null,
    count: r.count ?? 1,
  };
  if (format < 3) return second;
  const third = { ...second, traceId: r.traceId ?? null };
  if (format < 4) return third;
  const fourth = {
    ...third,
    fields: r.fields.map(({ request: _request, ...f }) => ({ ...f, grant: f.grant ?? null })),
    policyRevision: r.policyRevision ?? null,
  };
  if (format < 5) return fourth;
  const fifth = { ...fourth, documentId: r.documentId ?? null };
  if (format < 6) return fifth;
  return {
    ...fifth,
    fields: r.fields.map((f) => ({ ...f, grant: f.grant ?? null, request: f.request ?? null })),
  };
}
