/**
 * Calendar arithmetic on day numbers (days since 1970-01-01), so callers do integer
 * arithmetic: ISO dates in and out, working days under the State Council holiday schedule
 * (official holidays and make-up working days, domain/schedule.ts), years.
 */
import { officialSchedule, type HolidaySchedule } from './schedule';

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** Day number of an ISO date 'YYYY-MM-DD'. */
export function toDay(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/** ISO date 'YYYY-MM-DD' of a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The China Standard Time day number of an instant. */
export function beijingDay(at: Date): number {
  return Math.floor((at.getTime() + BEIJING_OFFSET_MS) / DAY_MS);
}

/** Whole years between birth date and `on` (both ISO dates), counted the calendar way. */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * Whether `day` is a working day: a make-up working day (调休) is one whatever its weekday;
 * an official holiday is not; otherwise Monday to Friday.
 */
export function isWorkingDay(day: number, schedule: HolidaySchedule = officialSchedule()): boolean {
  const iso = isoDate(day);
  if (schedule.workdays.has(iso)) return true;
  if (schedule.holidays.has(iso)) return false;
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/** The day `count` working days after `day` (the day itself not counted). */
export function addWorkingDays(
  day: number,
  count: number,
  schedule: HolidaySchedule = officialSchedule(),
): number {
  let current = day;
  let left = count;
  while (left > 0) {
    current++;
    if (isWorkingDay(current, schedule)) left--;
  }
  return current;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(
  from: number,
  to: number,
  schedule: HolidaySchedule = officialSchedule(),
): number {
  let count = 0;
  for (let day = from + 1; day <= to; day++) if (isWorkingDay(day, schedule)) count++;
  return count;
}

/** The day a given number of calendar years after `day` (Feb 29 rolls to Mar 1). */
export function addYears(day: number, years: number): number {
  const date = new Date(day * DAY_MS);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return Math.floor(date.getTime() / DAY_MS);
}
