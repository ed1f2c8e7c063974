import {
  beijingDate,
  isOverdue,
  objectionDeadline,
  OBJECTION_WORKING_DAYS,
} from '../../../subgraphs/data-bureau/objections/deadline';

describe('the deadline of a data objection: 10 working days after the day it was raised', () => {
  it('counts 10 working days (art. 26) after the day of raising', () => {
    expect(OBJECTION_WORKING_DAYS).toBe(10);
    // Monday 23 November 2026: two full weeks of working days later is Monday 7 December.
    expect(objectionDeadline(new Date('2026-11-23T10:00:00+08:00'))).toBe('2026-12-07');
  });

  it('skips National Day 2025 and counts its make-up Saturday', () => {
    // Raised 30 September 2025: 9, 10, 11 (Saturday, worked), 13-17, 20, 21 October.
    expect(objectionDeadline(new Date('2025-09-30T10:00:00+08:00'))).toBe('2025-10-21');
  });

  it('gives an objection raised on Friday, Saturday or Sunday the same deadline', () => {
    const raised = [
      '2026-11-27T16:30:00+08:00',
      '2026-11-28T09:00:00+08:00',
      '2026-11-29T23:59:00+08:00',
    ];
    expect(raised.map((at) => objectionDeadline(new Date(at)))).toEqual([
      '2026-12-11',
      '2026-12-11',
      '2026-12-11',
    ]);
  });

  it('takes the day of raising in China Standard Time, not UTC', () => {
    // 17:00 UTC on Friday is 01:00 on Saturday in Beijing.
    expect(beijingDate(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
    expect(objectionDeadline(new Date('2026-11-27T15:59:59Z'))).toBe('2026-12-11');
    // 23:30 UTC on Sunday is Monday morning in Beijing: counting starts on Tuesday.
    expect(objectionDeadline(new Date('2026-11-29T23:30:00Z'))).toBe('2026-12-14');
  });

  it("runs across the turn of the year, New Year's Day off", () => {
    // 4-8 January and 11-15 January 2027: 1 January is a holiday.
    expect(objectionDeadline(new Date('2026-12-31T12:00:00+08:00'))).toBe('2027-01-15');
  });
});

describe('an overdue objection: still open after its deadline day has ended in Beijing', () => {
  const open = { status: 'OPEN', deadline: '2026-12-14' };

  it('is not overdue during its last day, and is from the next midnight in Beijing', () => {
    expect(isOverdue(open, new Date('2026-12-14T23:59:59+08:00'))).toBe(false);
    expect(isOverdue(open, new Date('2026-12-15T00:00:00+08:00'))).toBe(true);
  });

  it('is never overdue once answered, however late', () => {
    expect(isOverdue({ ...open, status: 'ACCEPTED' }, new Date('2027-06-01T00:00:00Z'))).toBe(
      false,
    );
    expect(isOverdue({ ...open, status: 'REJECTED' }, new Date('2027-06-01T00:00:00Z'))).toBe(
      false,
    );
  });
});
