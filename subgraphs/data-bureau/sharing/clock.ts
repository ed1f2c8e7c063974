import {
  addWorkingDays,
  beijingDay,
  isoDate,
  toDay,
  workingDaysBetween,
} from '../../../domain/calendar';
import type { SharingState } from './states';

/** Working days to reply to a request for UNCONDITIONAL items only (art. 21). */
export const UNCONDITIONAL_REPLY_DAYS = 1;
/** Working days to reply when any item is CONDITIONAL (art. 21). */
export const CONDITIONAL_REPLY_DAYS = 10;
/** The longest extension, in working days, granted once by the data authority (art. 21). */
export const MAX_EXTENSION_DAYS = 10;
/** Working days after approval within which the data is shared (art. 22). */
export const SHARE_WITHIN_DAYS = 20;

/** Today in China Standard Time, as 'YYYY-MM-DD'. */
export function today(now: Date): string {
  return isoDate(beijingDay(now));
}

/** The last day to reply when the clock starts on `start` (ISO date). */
export function replyDue(start: string, sharingClass: 'UNCONDITIONAL' | 'CONDITIONAL'): string {
  const days = sharingClass === 'CONDITIONAL' ? CONDITIONAL_REPLY_DAYS : UNCONDITIONAL_REPLY_DAYS;
  return isoDate(addWorkingDays(toDay(start), days));
}

/** `due` moved on by `days` working days. */
export function extendedDue(due: string, days: number): string {
  return isoDate(addWorkingDays(toDay(due), days));
}

/** The last day to share after an approval on `day` (art. 22). */
export function shareBy(day: string): string {
  return isoDate(addWorkingDays(toDay(day), SHARE_WITHIN_DAYS));
}

/** Working days left until `due` from today (negative when past). */
export function workingDaysLeft(due: string, now: Date): number {
  const from = beijingDay(now);
  const to = toDay(due);
  return to >= from ? workingDaysBetween(from, to) : -workingDaysBetween(to, from);
}

/** Whether a reply is still awaited. */
export function awaitsReply(state: SharingState): boolean {
  return state === 'SUBMITTED' || state === 'EXTENSION_REQUESTED';
}

/** The state as it stands now: an approval whose period has ended has expired by itself. */
export function effectiveState(stored: SharingState, periodEnd: string, now: Date): SharingState {
  return stored === 'APPROVED' && periodEnd < today(now) ? 'EXPIRED' : stored;
}
