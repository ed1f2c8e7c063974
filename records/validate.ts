import { z } from 'zod';
import { InvalidRecord } from './errors';
import type { AccessRecord } from './record';

// PostgreSQL text refuses NUL and jsonb refuses lone surrogates: one such string would fail a
// whole batch of other requests' records, so it is refused here, for its own caller only.
const text = (max: number, min = 1) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine(
      (s) => !s.includes('\0') && !/\p{Surrogate}/u.test(s),
      'contains NUL or a lone surrogate',
    );
const name = text(200);
const instant = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s).toISOString())
  .refine((s) => s >= '0001', 'year must be 1 or later');

const schema = z.object({
  time: instant,
  requestId: name,
  consumer: z.object({
    kind: z.enum(['official', 'citizen', 'anonymous', 'unidentified']),
    id: name,
    department: name.nullable(),
    role: name.nullable(),
    application: name.nullable(),
  }),
  purpose: name.nullable(),
  caseNumber: name.nullable(),
  operation: z.object({ name: text(500).nullable(), hash: text(200, 0) }),
  fields: z.array(
    z.object({
      coordinate: text(500),
      pi: z.enum(['NONE', 'PERSONAL', 'SENSITIVE']),
      effect: z.enum(['allow', 'mask', 'deny']),
      grant: name.nullable().default(null),
      // Only where a field's grant came from a sharing request (format 6 hashes it as null otherwise).
      request: name.optional(),
    }),
  ),
  departments: z.array(name).transform(uniqueSorted),
  outcome: z.enum(['served', 'refused', 'failed']),
  durationMs: z.number().int().min(0).max(2_147_483_647),
  subjects: z.array(name).transform(uniqueSorted),
  delayedUntil: instant.nullable(),
  clientAddress: text(100).nullable().default(null),
  // A code, never a message: messages may carry what a client sent.
  reason: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, 'must be a code of lowercase letters, digits and hyphens')
    .nullable()
    .default(null),
  count: z.number().int().min(1).max(2_147_483_647).default(1),
  traceId: z
    .string()
    .regex(/^[0-9a-f]{32}$/, 'must be a W3C trace id (32 lowercase hex digits)')
    .nullable()
    .default(null),
  policyRevision: z.number().int().min(0).nullable().default(null),
  documentId: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be a document id (SHA-256, 64 lowercase hex digits)')
    .nullable()
    .default(null),
});

/**
 * Checks a record and puts it in stored form: times in UTC to the millisecond, departments
 * and subjects deduplicated and sorted, unknown keys dropped. Throws {@link InvalidRecord}.
 */
export function normaliseRecord(input: AccessRecord): AccessRecord {
  // The gateway's records take the quick way; anything it does not vouch for, the schema's.
  return quickNormalise(input) ?? normaliseBySchema(input);
}

/** {@link normaliseRecord} by the schema alone. Throws {@link InvalidRecord}. */
export function normaliseBySchema(input: AccessRecord): AccessRecord {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidRecord(
    result.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; '),
  );
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}

/**
 * What {@link schema} gives for a record in the form the gateway writes (times already in UTC
 * to the millisecond, strings without NUL or any surrogate), checked by hand and about ten times
 * faster (the writer validates every record, and its compensation, on the response path).
 * undefined for anything it does not vouch for: the schema decides those, and names what is
 * wrong. It never accepts what the schema refuses (test/unit/records/validate.test.ts).
 */
export function quickNormalise(r: AccessRecord): AccessRecord | undefined {
  if (typeof r !== 'object' || r === null) return undefined;
  const { consumer, operation } = r;
  if (
    !utcMillis(r.time) ||
    !(r.delayedUntil === null || utcMillis(r.delayedUntil)) ||
    !isText(r.requestId, 200) ||
    typeof consumer !== 'object' ||
    consumer === null ||
    !KINDS.has(consumer.kind) ||
    !isText(consumer.id, 200) ||
    !nullableText(consumer.department, 200) ||
    !nullableText(consumer.role, 200) ||
    !nullableText(consumer.application, 200) ||
    !nullableText(r.purpose, 200) ||
    !nullableText(r.caseNumber, 200) ||
    typeof operation !== 'object' ||
    operation === null ||
    !nullableText(operation.name, 500) ||
    !isText(operation.hash, 200, 0) ||
    !Array.isArray(r.fields) ||
    !Array.isArray(r.departments) ||
    !r.departments.every((d) => isText(d, 200)) ||
    !Array.isArray(r.subjects) ||
    !r.subjects.every((d) => isText(d, 200)) ||
    !OUTCOMES.has(r.outcome) ||
    !integer(r.durationMs, 0, 2_147_483_647) ||
    !(r.clientAddress == null || isText(r.clientAddress, 100)) ||
    !(r.reason == null || (typeof r.reason === 'string' && REASON.test(r.reason))) ||
    !(r.count === undefined || integer(r.count, 1, 2_147_483_647)) ||
    !(r.traceId == null || (typeof r.traceId === 'string' && TRACE_ID.test(r.traceId))) ||
    !(r.policyRevision == null || integer(r.policyRevision, 0, Number.MAX_SAFE_INTEGER)) ||
    !(r.documentId == null || (typeof r.documentId === 'string' && DOCUMENT_ID.test(r.documentId)))
  ) {
    return undefined;
  }
  const fields: AccessRecord['fields'] = [];
  for (const f of r.fields) {
    if (
      typeof f !== 'object' ||
      f === null ||
      !isText(f.coordinate, 500) ||
      !PIS.has(f.pi) ||
      !EFFECTS.has(f.effect) ||
      !(f.grant === undefined || nullableText(f.grant, 200)) ||
      !(f.request === undefined || isText(f.request, 200))
    ) {
      return undefined;
    }
    const field: AccessRecord['fields'][number] = {
      coordinate: f.coordinate,
      pi: f.pi,
      effect: f.effect,
      grant: f.grant ?? null,
    };
    if (f.request !== undefined) field.request = f.request;
    fields.push(field);
  }
  return {
    time: r.time,
    requestId: r.requestId,
    consumer: {
      kind: consumer.kind,
      id: consumer.id,
      department: consumer.department,
      role: consumer.role,
      application: consumer.application,
    },
    purpose: r.purpose,
    caseNumber: r.caseNumber,
    operation: { name: operation.name, hash: operation.hash },
    fields,
    departments: uniqueSorted(r.departments),
    outcome: r.outcome,
    durationMs: r.durationMs,
    subjects: uniqueSorted(r.subjects),
    delayedUntil: r.delayedUntil,
    clientAddress: r.clientAddress ?? null,
    reason: r.reason ?? null,
    count: r.count ?? 1,
    traceId: r.traceId ?? null,
    policyRevision: r.policyRevision ?? null,
    documentId: r.documentId ?? null,
  };
}

const KINDS = new Set<unknown>(['official', 'citizen', 'anonymous', 'unidentified']);
const OUTCOMES = new Set<unknown>(['served', 'refused', 'failed']);
const PIS = new Set<unknown>(['NONE', 'PERSONAL', 'SENSITIVE']);
const EFFECTS = new Set<unknown>(['allow', 'mask', 'deny']);
const REASON = /^[a-z0-9-]{1,64}$/;
const TRACE_ID = /^[0-9a-f]{32}$/;
const DOCUMENT_ID = /^[0-9a-f]{64}$/;
const UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
// Any surrogate, paired or not: the schema tells lone ones from pairs.
const NUL_OR_SURROGATE = /[\0\ud800-\udfff]/;

/** An instant as toISOString writes it (so the schema would give it back unchanged). */
function utcMillis(value: unknown): value is string {
  if (typeof value !== 'string' || !UTC_MILLIS.test(value) || value < '0001') return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && new Date(time).toISOString() === value;
}

function isText(value: unknown, max: number, min = 1): value is string {
  return (
    typeof value === 'string' &&
    value.length >= min &&
    value.length <= max &&
    !NUL_OR_SURROGATE.test(value)
  );
}

function nullableText(value: unknown, max: number): value is string | null {
  return value === null || isText(value, max);
}

function integer(value: unknown, min: number, max: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
}
