export type { AppealStage } from './appeals';
export { addWorkingDays, addYears, ageOn, isoDate, toDay } from './calendar';
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
