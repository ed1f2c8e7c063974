import { addWorkingDays, beijingDay, isoDate } from '../../../domain/calendar';

/**
 * Working days the owning department has to answer an objection: a correction (校核) between
 * departments is verified, corrected and answered within 10 working days (《政务数据共享条例》
 * art. 26). Working days follow the State Council holiday schedule, make-up days included.
 */
export const OBJECTION_WORKING_DAYS = 10;

/** The China Standard Time calendar date of an instant, as 'YYYY-MM-DD'. */
export function beijingDate(at: Date): string {
  return isoDate(beijingDay(at));
}

/**
 * The last day (China Standard Time, 'YYYY-MM-DD') to answer an objection raised at
 * `raisedAt`: the 10th working day after the day it was raised. Answered by the end of that
 * day, it is on time.
 */
export function objectionDeadline(raisedAt: Date): string {
  return isoDate(addWorkingDays(beijingDay(raisedAt), OBJECTION_WORKING_DAYS));
}

/** Overdue: still open after its deadline day has ended in China Standard Time. */
export function isOverdue(objection: { status: string; deadline: string }, now: Date): boolean {
  return objection.status === 'OPEN' && objection.deadline < beijingDate(now);
}
