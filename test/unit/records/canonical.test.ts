import { createHash } from 'node:crypto';
import type { AccessRecord } from '../../../records';
import { canonicalJson, canonicalRecord, GENESIS_HASH, hashRecord } from '../../../records';
import { chainRecords } from '../../../records/commit';
import { canonicalRecordByKeys } from '../../../records/record';
import { normaliseRecord } from '../../../records/validate';
import { shapedRecord } from '../../../bench/records/shapes';

const position = { id: '7d9f4c52-8a1e-4b7a-9a57-3f0c2b1d6e11', streamId: 'gw-1', seq: 1 };

const registrarReadsBirth: AccessRecord = {
  time: '2025-03-01T02:00:00.000Z',
  requestId: 'req-7',
  consumer: {
    kind: 'official',
    id: 'official-ps-0007',
    department: 'public-security',
    role: 'household-registrar',
    application: null,
  },
  purpose: 'household-registration',
  caseNumber: null,
  operation: { name: 'NewbornCertificate', hash: 'sha256:9a0b' },
  fields: [{ coordinate: 'BirthCertificate.motherId', pi: 'SENSITIVE', effect: 'allow' }],
  departments: ['health'],
  outcome: 'served',
  durationMs: 12,
  subjects: ['p-000002', 'p-000003'],
  delayedUntil: null,
};

describe('canonical serialisation', () => {
  it('sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the text of a plain sort-and-join for every shape, cached shapes included', () => {
    // The serialisation before shapes were cached: the hashes of stored records depend on it.
    const reference = (value: unknown): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o)
        .sort()
        .filter((k) => o[k] !== undefined);
      return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
    };
    const values = [
      { b: 1, a: 2 },
      { a: 2, b: 1 },
      { 'a\u0000b': 1 },
      { a: 1, b: undefined, é: [{ Z: 'z', 'a"': '\n' }] },
      { a: undefined, b: 1 },
      { ...registrarReadsBirth, ...position },
    ];
    for (const value of [...values, ...values]) expect(canonicalJson(value)).toBe(reference(value));
  });

  it('gives the same text whatever order the record was built in', () => {
    const reordered = Object.fromEntries(
      Object.entries({ ...registrarReadsBirth, ...position }).reverse(),
    ) as unknown as AccessRecord & typeof position;
    expect(canonicalRecord(reordered)).toBe(
      canonicalRecord({ ...registrarReadsBirth, ...position }),
    );
  });

  it('covers the format, the position in the chain and every field of the content', () => {
    const text = canonicalRecord({ ...registrarReadsBirth, ...position });
    expect(JSON.parse(text)).toEqual({
      format: 6,
      ...registrarReadsBirth,
      ...position,
      fields: registrarReadsBirth.fields.map((f) => ({ ...f, grant: null, request: null })),
      clientAddress: null,
      reason: null,
      count: 1,
      traceId: null,
      policyRevision: null,
      documentId: null,
    });
    expect(text.startsWith('{"caseNumber":null,"clientAddress":null,"consumer":{')).toBe(true);
  });

  it('hashes a record of format 4 without the document id format 5 added, as format 4 did', () => {
    const documentId = 'd'.repeat(64);
    const record = { ...registrarReadsBirth, ...position, policyRevision: 7, documentId };
    const format4 = canonicalRecord(record, 4);
    expect(JSON.parse(format4)).not.toHaveProperty('documentId');
    // A format-4 record hashes the same whether or not a document id is set beside it.
    expect(format4).toBe(canonicalRecord({ ...record, documentId: undefined }, 4));
    expect(JSON.parse(canonicalRecord(record))).toMatchObject({ format: 6, documentId });
    expect(canonicalRecord(record)).not.toBe(
      canonicalRecord({ ...record, documentId: 'e'.repeat(64) }),
    );
  });

  it('hashes a record of format 3 without the policy revision and grants format 4 added', () => {
    const text = canonicalRecord(
      {
        ...registrarReadsBirth,
        ...position,
        policyRevision: 7,
        fields: registrarReadsBirth.fields.map((f) => ({ ...f, grant: 'g' })),
      },
      3,
    );
    // Format 3 hashed the fields as stored; a format-3 record never carried a grant.
    expect(JSON.parse(text)).toEqual({
      format: 3,
      ...registrarReadsBirth,
      ...position,
      fields: registrarReadsBirth.fields.map((f) => ({ ...f, grant: 'g' })),
      clientAddress: null,
      reason: null,
      count: 1,
      traceId: null,
    });
  });

  it('hashes a record of format 1 without the content format 2 added', () => {
    const text = canonicalRecord({ ...registrarReadsBirth, ...position, reason: 'x' }, 1);
    expect(JSON.parse(text)).toEqual({ format: 1, ...registrarReadsBirth, ...position });
  });

  it('hashes a record of format 2 without the trace id format 3 added', () => {
    const traced = { ...registrarReadsBirth, ...position, traceId: 'a'.repeat(32) };
    expect(JSON.parse(canonicalRecord(traced, 2))).not.toHaveProperty('traceId');
    expect(JSON.parse(canonicalRecord(traced, 3))).toMatchObject({
      format: 3,
      traceId: 'a'.repeat(32),
    });
    expect(JSON.parse(canonicalRecord(traced))).toMatchObject({
      format: 6,
      traceId: 'a'.repeat(32),
    });
  });

  it('ignores hashes a stored record carries', () => {
    const stored = { ...registrarReadsBirth, ...position, prevHash: 'a', hash: 'b' };
    expect(canonicalRecord(stored)).toBe(canonicalRecord({ ...registrarReadsBirth, ...position }));
  });

  it('writes the current format key by key with the text of the general way, for every shape', () => {
    const base = { ...registrarReadsBirth, ...position };
    const odd = 'quote " backslash \\ newline \n tab \t NUL-free \u0001 é 中文 😀 \u2028';
    const records: (AccessRecord & typeof position)[] = [
      base,
      { ...shapedRecord('enterprise', 1), ...position },
      { ...shapedRecord('masked', 2), ...position },
      { ...normaliseRecord(shapedRecord('masked', 3)), ...position },
      { ...base, purpose: odd, caseNumber: odd, requestId: odd, clientAddress: odd },
      { ...base, consumer: { ...base.consumer, id: odd, application: 'app' } },
      { ...base, operation: { name: null, hash: '' } },
      { ...base, fields: [], departments: [], subjects: [] },
      {
        ...base,
        fields: [{ coordinate: odd, pi: 'NONE', effect: 'deny', grant: 'g', request: 'r' }],
      },
      { ...base, fields: [{ coordinate: 'A.b', pi: 'NONE', effect: 'deny', grant: null }] },
      { ...base, reason: 'token-expired', count: 3, traceId: 'a'.repeat(32), policyRevision: 0 },
      { ...base, documentId: 'd'.repeat(64), delayedUntil: '2027-01-01T00:00:00.000Z' },
      { ...base, durationMs: 0, seq: 9_007_199_254_740_991 },
      // The general way for these: extra keys, missing keys, undefined values, odd types.
      { ...base, consumer: { ...base.consumer, extra: 'x' } as never },
      { ...base, operation: { name: 'N' } as never },
      { ...base, fields: [{ coordinate: 'A.b', pi: 'NONE', effect: 'allow', extra: 1 } as never] },
      { ...base, fields: [{ coordinate: 'A.b', pi: 'NONE', effect: 'allow', grant: undefined }] },
      { ...base, consumer: { ...base.consumer, role: undefined } as never },
      { ...base, purpose: undefined as never, count: null as never },
      { ...base, caseNumber: { b: 1, a: 2 } as never },
      { ...base, subjects: ['p', 1] as never, policyRevision: undefined },
      { ...base, durationMs: '12' as never },
    ];
    for (const record of records) {
      expect(canonicalRecord(record)).toBe(canonicalRecordByKeys(record));
    }
    expect(() => canonicalRecord({ ...base, durationMs: Number.NaN })).toThrow(TypeError);
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });
});

describe('hashRecord', () => {
  it('is SHA-256 (hex) of the previous hash, a newline and the canonical text', () => {
    const text = canonicalRecord({ ...registrarReadsBirth, ...position });
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${text}`).digest('hex');
    expect(hashRecord(GENESIS_HASH, text)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any part of the content, the position or the previous hash changes', () => {
    const base = hashRecord(GENESIS_HASH, canonicalRecord({ ...registrarReadsBirth, ...position }));
    const variants = [
      { ...registrarReadsBirth, ...position, purpose: 'tax-audit' },
      { ...registrarReadsBirth, ...position, seq: 2 },
      { ...registrarReadsBirth, ...position, streamId: 'gw-2' },
      { ...registrarReadsBirth, ...position, subjects: ['p-000002'] },
      {
        ...registrarReadsBirth,
        ...position,
        fields: [{ ...registrarReadsBirth.fields[0]!, effect: 'mask' as const }],
      },
    ];
    for (const v of variants) expect(hashRecord(GENESIS_HASH, canonicalRecord(v))).not.toBe(base);
    const text = canonicalRecord({ ...registrarReadsBirth, ...position });
    expect(hashRecord('f'.repeat(64), text)).not.toBe(base);
  });
});

describe('chainRecords', () => {
  it('numbers records after the head and links each to the one before', () => {
    const head = { seq: 41, hash: 'e'.repeat(64) };
    const [first, second] = chainRecords('gw-1', head, [registrarReadsBirth, registrarReadsBirth]);
    expect([first!.seq, second!.seq]).toEqual([42, 43]);
    expect(first!.prevHash).toBe(head.hash);
    expect(second!.prevHash).toBe(first!.hash);
    expect(second!.hash).toBe(hashRecord(first!.hash, canonicalRecord(second!)));
    expect(first!.id).not.toBe(second!.id);
  });
});
