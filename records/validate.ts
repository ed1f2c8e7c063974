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
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidRecord(
    result.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; '),
  );
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}
