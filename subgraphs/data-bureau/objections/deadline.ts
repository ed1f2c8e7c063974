import { addWorkingDays, isoDate } from '../../../domain/calendar';

/**
 * Working days (Monday to Friday) the owning department has to answer an objection: the
 * period the 好差评 system gives a poor rating's rectification. Statutory holidays and their
 * make-up working days are not modelled.
 */
export const OBJECTION_WORKING_DAYS = 15;

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The China Standard Time calendar date of an instant, as 'YYYY-MM-DD'. */
export function beijingDate(at: Date): string {
  return isoDate(beijingDay(at));
}

/**
 * The last day (China Standard Time, 'YYYY-MM-DD') to answer an objection raised at
 * `raisedAt`: the 15th working day after the day it was raised. Answered by the end of that
 * day, it is on time.
 */
export function objectionDeadline(raisedAt: Date): string {
  return isoDate(addWorkingDays(beijingDay(raisedAt), OBJECTION_WORKING_DAYS));
}

/** Overdue: still open after its deadline day has ended in China Standard Time. */
export function isOverdue(objection: { status: string; deadline: string }, now: Date): boolean {
  return objection.status === 'OPEN' && objection.deadline < beijingDate(now);
}

function beijingDay(at: Date): number {
  return Math.floor((at.getTime() + BEIJING_OFFSET_MS) / DAY_MS);
}
