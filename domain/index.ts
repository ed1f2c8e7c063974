export type { AppealStage } from './appeals';
export {
  addWorkingDays,
  addYears,
  ageOn,
  beijingDay,
  isoDate,
  isWorkingDay,
  toDay,
  workingDaysBetween,
} from './calendar';
export { buildSchedule, officialSchedule } from './schedule';
export type { HolidaySchedule } from './schedule';
export {
  explainInvalidMobile,
  explainInvalidResidentId,
  explainInvalidUscc,
  isValidMobile,
  isValidResidentId,
  isValidUscc,
  organizationCodeCheckChar,
  residentIdCheckChar,
  usccCheckChar,
  USCC_ALPHABET,
} from './identifiers';
