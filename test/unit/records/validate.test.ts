import { InvalidRecord } from '../../../records';
import type { AccessRecord } from '../../../records';
import { normaliseRecord } from '../../../records/validate';

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
});
