import { InvalidRecord } from '../../../records';
import type { AccessRecord } from '../../../records';
import { normaliseBySchema, normaliseRecord, quickNormalise } from '../../../records/validate';
import { compensationOf, shapedRecord } from '../../../bench/records/shapes';

const dispatcherReadsAppeal: AccessRecord = {
  time: '2025-03-01T10:00:00+08:00',
  requestId: 'req-12345',
  consumer: {
    kind: 'official',
    id: 'official-hl-0001',
    department: 'hotline',
    role: 'dispatcher',
    application: null,
  },
  purpose: 'appeal-handling',
  caseNumber: null,
  operation: { name: null, hash: 'sha256:abcd' },
  fields: [{ coordinate: 'Appeal.submitterPhone', pi: 'PERSONAL', effect: 'mask' }],
  departments: ['hotline', 'market-regulation', 'hotline'],
  outcome: 'served',
  durationMs: 7,
  subjects: ['p-9', 'p-1', 'p-9'],
  delayedUntil: '2026-01-01T00:00:00.5+08:00',
};

describe('normaliseRecord', () => {
  it('stores times in UTC to the millisecond and departments and subjects as sorted sets', () => {
    const stored = normaliseRecord(dispatcherReadsAppeal);
    expect(stored.time).toBe('2025-03-01T02:00:00.000Z');
    expect(stored.delayedUntil).toBe('2025-12-31T16:00:00.500Z');
    expect(stored.departments).toEqual(['hotline', 'market-regulation']);
    expect(stored.subjects).toEqual(['p-1', 'p-9']);
  });

  it('drops keys a record does not have, so no value read can slip in', () => {
    const withExtras = {
      ...dispatcherReadsAppeal,
      value: '13800138000',
      consumer: { ...dispatcherReadsAppeal.consumer, jurisdiction: '510107', personId: null },
    } as AccessRecord;
    const stored = normaliseRecord(withExtras);
    expect(stored).not.toHaveProperty('value');
    expect(Object.keys(stored.consumer).sort()).toEqual([
      'application',
      'department',
      'id',
      'kind',
      'role',
    ]);
  });

  it.each([
    ['a bad outcome', { outcome: 'ok' }, 'outcome'],
    ['a time without a zone', { time: '2025-03-01 10:00' }, 'time'],
    ['a fractional duration', { durationMs: 1.5 }, 'durationMs'],
    ['a NUL in a subject id', { subjects: ['p-\u0000'] }, 'subjects.0'],
    ['a lone surrogate in a purpose', { purpose: 'x\ud800' }, 'purpose'],
    ['an empty request id', { requestId: '' }, 'requestId'],
  ])('refuses %s, naming the field', (_, change, path) => {
    const bad = { ...dispatcherReadsAppeal, ...change } as AccessRecord;
    expect(() => normaliseRecord(bad)).toThrow(InvalidRecord);
    expect(() => normaliseRecord(bad)).toThrow(new RegExp(`${path.replace('.', '\\.')}:`));
  });

  it("takes the quick way for the records the gateway writes, with the schema's result", () => {
    for (const shape of ['enterprise', 'masked'] as const) {
      const record = shapedRecord(shape, 7);
      const compensation = compensationOf(shape, record);
      for (const r of compensation ? [record, compensation] : [record]) {
        const quick = quickNormalise(r);
        expect(quick).toBeDefined();
        expect(quick).toStrictEqual(stripUndefined(normaliseBySchema(r)));
      }
    }
  });

  it('never accepts what the schema refuses, and gives what it gives otherwise', () => {
    const base = normaliseBySchema(shapedRecord('masked', 1));
    const f = base.fields[0]!;
    const variants: Record<string, unknown>[] = [
      { time: '2025-03-01T10:00:00+08:00' },
      { time: '2025-02-29T10:00:00.000Z' },
      { time: '2024-02-29T23:59:59.999Z' },
      { time: '2025-13-01T00:00:00.000Z' },
      { time: '2025-01-01T24:00:00.000Z' },
      { time: '0000-01-01T00:00:00.000Z' },
      { time: '0001-01-01T00:00:00.000Z' },
      { time: '2025-01-01T00:00:00.000z' },
      { time: 1 },
      { delayedUntil: '2025-01-01T00:00:00.000Z' },
      { delayedUntil: undefined },
      { requestId: '' },
      { requestId: 'x'.repeat(200) },
      { requestId: 'x'.repeat(201) },
      { requestId: 'a\u0000' },
      { requestId: 'a\ud800' },
      { requestId: 'a😀' },
      { purpose: undefined },
      { purpose: null },
      { purpose: 5 },
      { caseNumber: 'MZ-2026-0042' },
      { consumer: { ...base.consumer, kind: 'robot' } },
      { consumer: { ...base.consumer, department: undefined } },
      { consumer: { ...base.consumer, extra: 'dropped' } },
      { consumer: null },
      { operation: { name: 'x'.repeat(501), hash: '' } },
      { operation: { name: null, hash: '' } },
      { operation: { name: null } },
      { fields: [] },
      { fields: [{ ...f, grant: undefined }] },
      { fields: [{ ...f, request: 'req-1' }] },
      { fields: [{ ...f, request: null }] },
      { fields: [{ ...f, pi: 'SECRET' }] },
      { fields: [{ ...f, effect: 'show' }] },
      { fields: [{ ...f, coordinate: '' }] },
      { fields: [{ ...f, value: '13800138000' }] },
      { fields: [null] },
      { fields: 'Person.name' },
      { departments: ['b', 'a', 'b'] },
      { departments: [''] },
      { subjects: ['p-9', 'p-1', 'p-9'] },
      { subjects: [1] },
      { outcome: 'ok' },
      { durationMs: -1 },
      { durationMs: 1.5 },
      { durationMs: 2_147_483_648 },
      { durationMs: Number.NaN },
      { clientAddress: undefined },
      { clientAddress: 'x'.repeat(101) },
      { reason: 'token-expired' },
      { reason: 'Token expired' },
      { reason: undefined },
      { count: 0 },
      { count: null },
      { count: 3 },
      { traceId: 'A'.repeat(32) },
      { traceId: 'a'.repeat(32) },
      { policyRevision: -1 },
      { policyRevision: 2 ** 53 },
      { policyRevision: undefined },
      { documentId: 'd'.repeat(64) },
      { documentId: 'd'.repeat(63) },
      { value: '13800138000' },
    ];
    for (const change of variants) {
      const record = { ...base, ...change } as AccessRecord;
      const quick = quickNormalise(record);
      let expected: AccessRecord | Error;
      try {
        expected = stripUndefined(normaliseBySchema(record));
      } catch (error) {
        expected = error as Error;
      }
      if (expected instanceof Error)
        expect({ change, quick }).toEqual({ change, quick: undefined });
      else if (quick) expect(quick).toStrictEqual(expected);
      expect(quick === undefined).toBe(
        ['+08:00', '2025-02-29', '13-01', 'T24', '0000-', '000z', 'time":1'].some((s) =>
          JSON.stringify(change).includes(s),
        ) ||
          expected instanceof Error ||
          /😀/.test(JSON.stringify(change)),
      );
    }
  });
});

/** The schema leaves an absent optional key out; a JSON round trip does the same to undefined. */
function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
