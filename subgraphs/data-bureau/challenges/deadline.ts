import { addWorkingDays, beijingDay, isoDate } from '../../../domain/calendar';

/**
 * Working days the department that read the data has to answer a citizen's challenge: the
 * period of a poor 好差评 rating, verified, rectified and answered within 15 working days (and
 * what the SDL and issue 16 promise the citizen). Longer than an objection between departments
 * (10 working days, objections/deadline.ts): a citizen's challenge may need the official heard.
 */
export const CHALLENGE_WORKING_DAYS = 15;

/** The last day (China Standard Time, 'YYYY-MM-DD') to answer a challenge raised at `raisedAt`. */
export function challengeDeadline(raisedAt: Date): string {
  return isoDate(addWorkingDays(beijingDay(raisedAt), CHALLENGE_WORKING_DAYS));
}
