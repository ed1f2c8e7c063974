import { beijingDayOf, groupBy, isWorkingTime, type Observation } from '../incidents/observation';
import type { AnomalyPolicy } from '../incidents/policy';
import { isoDate } from '../../../domain/calendar';

/** The measures of an official's profile, in the order the profile lists them. */
export const MEASURES = [
  'requests',
  'distinctPersons',
  'caseNumbers',
  'withoutCaseNumber',
  'offHours',
  'refused',
  'maxPersonsPerDay',
] as const;

export type Measures = Record<(typeof MEASURES)[number], number>;

/** One official's measures over their records. */
export function measure(
  records: readonly Observation[],
  hours: AnomalyPolicy['workingHours'],
): Measures {
  const perDay = groupBy(records, (r) => String(beijingDayOf(r.at)));
  return {
    requests: records.length,
    distinctPersons: new Set(records.flatMap((r) => r.subjects)).size,
    caseNumbers: new Set(records.map((r) => r.caseNumber).filter((c) => c !== null)).size,
    withoutCaseNumber: records.filter((r) => r.caseNumber === null).length,
    offHours: records.filter((r) => !isWorkingTime(r.at, hours)).length,
    refused: records.filter((r) => r.outcome === 'refused').length,
    maxPersonsPerDay: Math.max(
      0,
      ...[...perDay.values()].map((day) => new Set(day.flatMap((r) => r.subjects)).size),
    ),
  };
}

/** Requests per China Standard Time day, oldest first. */
export function perDay(records: readonly Observation[]) {
  return [...groupBy(records, (r) => String(beijingDayOf(r.at)))]
    .map(([day, rs]) => ({ day: isoDate(Number(day)), requests: rs.length }))
    .sort((a, b) => a.day.localeCompare(b.day));
}

/** Requests per purpose, most first. */
export function perPurpose(records: readonly Observation[]) {
  return [...groupBy(records, (r) => r.purpose ?? '(none)')]
    .map(([purpose, rs]) => ({ purpose, requests: rs.length }))
    .sort((a, b) => b.requests - a.requests || a.purpose.localeCompare(b.purpose));
}
