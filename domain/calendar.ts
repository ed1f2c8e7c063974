/**
 * Calendar arithmetic on day numbers (days since 1970-01-01), so callers do integer
 * arithmetic: ISO dates in and out, working days, years.
 */

const DAY_MS = 86_400_000;

/** Day number of an ISO date 'YYYY-MM-DD'. */
export function toDay(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/** ISO date 'YYYY-MM-DD' of a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whole years between birth date and `on` (both ISO dates), counted the calendar way. */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The day `count` working days (Monday to Friday) after `day`. */
export function addWorkingDays(day: number, count: number): number {
  let current = day;
  let left = count;
  while (left > 0) {
    current++;
    const weekday = (current + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return current;
}

/** The day a given number of calendar years after `day` (Feb 29 rolls to Mar 1). */
export function addYears(day: number, years: number): number {
  const date = new Date(day * DAY_MS);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return Math.floor(date.getTime() / DAY_MS);
}
