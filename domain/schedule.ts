import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import packageDays from 'chinese-days/dist/chinese-days.json';

/** Official days off and make-up working days (调休), by ISO date. */
export interface HolidaySchedule {
  /** Days off that fall on Monday to Friday (and holidays on weekends, harmlessly). */
  readonly holidays: ReadonlySet<string>;
  /** Saturdays and Sundays that are working days. */
  readonly workdays: ReadonlySet<string>;
  /** Years the schedule covers (from the package or the override file). */
  readonly years: ReadonlySet<number>;
}

/** The override file next to this module. */
export const HOLIDAYS_OVERRIDE_PATH = join(__dirname, 'holidays.yaml');

const isoDay = z
  .union([z.string(), z.date()])
  .transform((d) => (typeof d === 'string' ? d : d.toISOString().slice(0, 10)))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'));

const overrideFile = z.object({
  years: z.record(
    z.string().regex(/^\d{4}$/, 'a year such as 2027'),
    z.object({ holidays: z.array(isoDay).default([]), workdays: z.array(isoDay).default([]) }),
  ),
});

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/**
 * The schedule from `chinese-days` plus the override text (YAML, see holidays.yaml): a day
 * the override names is a holiday or a working day whatever the package says. Throws naming
 * the key when the override is malformed.
 */
export function buildSchedule(overrideText: string, source = 'holidays.yaml'): HolidaySchedule {
  const data = packageDays as PackageData;
  const holidays = new Set(Object.keys(data.holidays));
  const workdays = new Set(Object.keys(data.workdays));
  const years = new Set([...holidays, ...workdays].map((d) => Number(d.slice(0, 4))));
  const parsed = overrideFile.safeParse(parse(overrideText) ?? { years: {} });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join('.')}: ${issue.message}.`);
  }
  for (const [year, days] of Object.entries(parsed.data.years)) {
    years.add(Number(year));
    for (const day of days.holidays) {
      holidays.add(day);
      workdays.delete(day);
    }
    for (const day of days.workdays) {
      workdays.add(day);
      holidays.delete(day);
    }
  }
  return { holidays, workdays, years };
}

let loaded: HolidaySchedule | null = null;

/** The deployment's schedule: the package and domain/holidays.yaml, read once. */
export function officialSchedule(): HolidaySchedule {
  loaded ??= buildSchedule(readFileSync(HOLIDAYS_OVERRIDE_PATH, 'utf8'));
  return loaded;
}
