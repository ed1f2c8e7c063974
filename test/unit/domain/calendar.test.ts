import {
  addWorkingDays,
  buildSchedule,
  isoDate,
  isWorkingDay,
  toDay,
  workingDaysBetween,
} from '../../../domain';

const after = (iso: string, count: number) => isoDate(addWorkingDays(toDay(iso), count));
const working = (iso: string) => isWorkingDay(toDay(iso));

describe('working days under the State Council holiday schedule', () => {
  it('takes National Day 2025 off (1-8 October) and works the make-up Sunday and Saturday', () => {
    const october = ['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => `2025-10-${d}`);
    expect(october.filter(working)).toEqual([]);
    expect(working('2025-09-28')).toBe(true); // Sunday, 调休
    expect(working('2025-10-11')).toBe(true); // Saturday, 调休
    expect(working('2025-10-12')).toBe(false); // an ordinary Sunday
  });

  it('counts a reply due 1 working day after 30 September 2025 on 9 October', () => {
    expect(after('2025-09-30', 1)).toBe('2025-10-09');
    // 9, 10, 11 (make-up Saturday), 13, 14, ...: the 10th working day is 21 October.
    expect(after('2025-09-30', 10)).toBe('2025-10-21');
  });

  it('counts a make-up Saturday as a working day', () => {
    // Friday 10 October, then Saturday 11 October (worked): 2 working days after Thursday 9.
    expect(after('2025-10-09', 2)).toBe('2025-10-11');
    expect(workingDaysBetween(toDay('2025-10-09'), toDay('2025-10-13'))).toBe(3);
  });

  it('takes Spring Festival 2026 off (15-23 February) and works the make-up days', () => {
    const february = ['15', '16', '17', '18', '19', '20', '23'].map((d) => `2026-02-${d}`);
    expect(february.filter(working)).toEqual([]);
    expect(working('2026-02-14')).toBe(true); // Saturday, 调休
    expect(working('2026-02-28')).toBe(true); // Saturday, 调休
    expect(after('2026-02-13', 1)).toBe('2026-02-14');
    expect(after('2026-02-14', 1)).toBe('2026-02-24');
  });

  it('keeps Monday to Friday where no holiday falls', () => {
    expect(after('2026-11-23', 15)).toBe('2026-12-14');
  });
});

describe('the override file for years the package lacks', () => {
  const schedule = buildSchedule(
    'years:\n  2027:\n    holidays: [2027-10-01]\n    workdays: [2027-09-26]\n',
  );

  it('adds holidays and make-up days, and the year it covers', () => {
    expect(isWorkingDay(toDay('2027-10-01'), schedule)).toBe(false);
    expect(isWorkingDay(toDay('2027-09-26'), schedule)).toBe(true);
    expect(schedule.years.has(2027)).toBe(true);
    expect(isoDate(addWorkingDays(toDay('2027-09-30'), 1, schedule))).toBe('2027-10-04');
  });

  it('refuses a malformed file, naming the key', () => {
    expect(() => buildSchedule('years:\n  2027:\n    holidays: [next-friday]\n')).toThrow(
      /years\.2027\.holidays\.0: a date YYYY-MM-DD/,
    );
  });

  it('ships New Year 2027 in domain/holidays.yaml', () => {
    expect(working('2027-01-01')).toBe(false);
  });
});
