export { createCity } from './city';
export type { CityOptions } from './city';
export { REFERENCE_DATE } from './calendar';
export { MAX_PERSONS } from './layout';
export {
  explainInvalidMobile,
  explainInvalidResidentId,
  explainInvalidUscc,
  isValidMobile,
  isValidResidentId,
  isValidUscc,
  residentIdCheckChar,
  usccCheckChar,
} from './identifiers';
export type {
  Appeal,
  AppealStage,
  BirthCertificate,
  City,
  Department,
  District,
  DistrictCode,
  Employment,
  Enterprise,
  Evaluation,
  Gender,
  Household,
  Marriage,
  MedicalVisit,
  Penalty,
  Person,
  RatingLevel,
  ServiceItem,
  SubsistenceAllowance,
  Vaccination,
  DataResource,
} from './types';
