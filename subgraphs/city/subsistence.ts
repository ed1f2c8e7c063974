import type { Person, SubsistenceAllowance } from './types';
import { REFERENCE_DAY, addYears, isoDate } from './calendar';
import type { Rng } from './random';
import { scrambledDigits } from './scramble';

/** Chengdu's urban subsistence standard, yuan per person per month. */
const MONTHLY_STANDARD = 830;

/** The 低保 case of low-income household h; the head applies, reviews are yearly. */
export function subsistenceAllowance(
  rng: Rng,
  h: number,
  members: readonly Person[],
): SubsistenceAllowance {
  const approvedDay = REFERENCE_DAY - rng.int(30, 6 * 365);
  const lastYearIncome = members.reduce((sum, m) => sum + (m.annualIncomes[0]?.amount ?? 0), 0);
  const gap = MONTHLY_STANDARD * members.length - lastYearIncome / 12;
  const u = rng.float();
  let reviewDay = approvedDay;
  while (reviewDay <= REFERENCE_DAY) reviewDay = addYears(reviewDay, 1);
  return {
    caseNumber: `DB${members[0]!.districtCode}${isoDate(approvedDay).slice(0, 4)}${scrambledDigits(h, 7, 4_242)}`,
    applicantId: members[0]!.id,
    status: u < 0.85 ? 'APPROVED' : u < 0.95 ? 'SUSPENDED' : 'TERMINATED',
    monthlyAmount: Math.max(150 * members.length, Math.round(gap / 10) * 10),
    householdSize: members.length,
    approvedOn: isoDate(approvedDay),
    reviewDue: isoDate(reviewDay),
  };
}
