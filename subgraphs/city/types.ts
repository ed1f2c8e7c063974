/**
 * The synthetic city: plain domain objects produced deterministically from a seed.
 * Every department's seeder reads the same city and keeps only what it owns, so the
 * departments agree (the legal representative market regulation names is a person
 * public security knows) without knowing each other.
 */

/** Chengdu administrative division code, e.g. '510107' (武侯区). */
export type DistrictCode = string;

export type Gender = 'MALE' | 'FEMALE';

export interface District {
  code: DistrictCode;
  name: string;
}

export interface Person {
  /** Opaque, stable pseudonymous key, e.g. 'P0004J2K9' (never derived visibly from idNumber). */
  id: string;
  /** GB 11643 resident ID number, valid check character. */
  idNumber: string;
  name: string;
  gender: Gender;
  /** ISO date 'YYYY-MM-DD'. */
  birthDate: string;
  ethnicity: string;
  districtCode: DistrictCode;
  /** Full address down to building/unit, e.g. '成都市武侯区玉林街道玉林北路12号3栋2单元501'. */
  address: string;
  /** Street-level part of the address (what a masked view keeps), e.g. '成都市武侯区玉林街道'. */
  street: string;
  /** 11-digit mobile, starting 13-19; null for young children. */
  mobile: string | null;
  householdId: string;
  /** Relation to the head of household: '户主' | '配偶' | '子女' | '父母'. */
  relationToHead: string;
  /** Adults only: employment and income facts used by human resources and tax. */
  employment: Employment | null;
  /** Yearly taxable income in yuan for the last three years (index 0 = most recent year). */
  annualIncomes: { year: number; amount: number }[];
}

export interface Employment {
  /** USCC of the employer enterprise (one the city generates), or null when self-employed/unemployed. */
  employerUscc: string | null;
  status: 'EMPLOYED' | 'UNEMPLOYED' | 'RETIRED' | 'SELF_EMPLOYED';
  /** Social insurance account number, e.g. 'SI5101' + 10 digits. */
  socialInsuranceAccount: string;
  socialInsuranceStatus: 'ACTIVE' | 'SUSPENDED' | 'TERMINATED';
  monthlyContributionBase: number;
  /** ISO date. */
  insuredSince: string;
}

export interface Household {
  id: string;
  districtCode: DistrictCode;
  address: string;
  /** members[0] is always the head and always an adult. */
  members: Person[];
  /** Civil affairs: set when the household receives the subsistence allowance (低保). */
  subsistenceAllowance: SubsistenceAllowance | null;
}

export interface SubsistenceAllowance {
  caseNumber: string;
  /** Person id of the applicant (the head). */
  applicantId: string;
  status: 'APPROVED' | 'SUSPENDED' | 'TERMINATED';
  monthlyAmount: number;
  householdSize: number;
  approvedOn: string;
  reviewDue: string;
}

export interface Marriage {
  registrationNumber: string;
  partyAId: string;
  partyBId: string;
  kind: 'MARRIAGE' | 'DIVORCE';
  registeredOn: string;
  districtCode: DistrictCode;
}

export interface BirthCertificate {
  /** 出生医学证明编号, e.g. 'Q510107' + 6 digits. */
  certificateNumber: string;
  childId: string;
  motherId: string;
  fatherId: string | null;
  birthDate: string;
  hospital: string;
  weightGrams: number;
  gender: Gender;
  districtCode: DistrictCode;
}

export interface Vaccination {
  personId: string;
  vaccine: string;
  dose: number;
  administeredOn: string;
  clinic: string;
}

export interface MedicalVisit {
  personId: string;
  visitedOn: string;
  hospital: string;
  diagnosis: string;
}

export interface Enterprise {
  /** GB 32100 unified social credit code, valid check character. */
  uscc: string;
  name: string;
  kind:
    | 'LIMITED_LIABILITY'
    | 'JOINT_STOCK'
    | 'SOLE_PROPRIETORSHIP'
    | 'PARTNERSHIP'
    | 'INDIVIDUAL_BUSINESS';
  status: 'ACTIVE' | 'REVOKED' | 'CANCELLED';
  registeredCapital: number;
  establishedOn: string;
  districtCode: DistrictCode;
  address: string;
  businessScope: string;
  /** Person id of the legal representative: always an adult the city generates. */
  legalRepresentativeId: string;
  penalties: Penalty[];
  /** Tax: credit rating A | B | M | C | D for the last year, and arrears in yuan (0 when none). */
  taxCreditRating: { year: number; level: 'A' | 'B' | 'M' | 'C' | 'D' };
  taxArrears: number;
  /** Human resources: social insurance arrears of the enterprise, in yuan (0 when none). */
  socialInsuranceArrears: number;
  socialInsuranceArrearsMonths: number;
}

export interface Penalty {
  decisionNumber: string;
  decidedOn: string;
  reason: string;
  amount: number;
  /** Department code of the deciding authority. */
  authorityCode: string;
}

export interface Department {
  /** Unified social credit code of the government organ (starts with '11'), valid check character. */
  code: string;
  name: string;
  /** Short English name, e.g. 'Market Regulation Bureau of Wuhou District'. */
  nameEn: string;
  level: 'MUNICIPAL' | 'DISTRICT';
  districtCode: DistrictCode;
  /** The subgraph that publishes its data, when it has one, e.g. 'tax'. */
  subgraph: string | null;
  parentCode: string | null;
}

export type AppealStage =
  'ACCEPTED' | 'DISPATCHED' | 'HANDLING' | 'REPLIED' | 'CLOSED' | 'CALLED_BACK' | 'RATED';

export interface Appeal {
  /** 工单号, e.g. '12345-20261103-000123'. */
  number: string;
  channel: 'PHONE' | 'APP' | 'WEB' | 'WECHAT';
  category: 'COMPLAINT' | 'REQUEST' | 'CONSULTATION' | 'SUGGESTION' | 'REPORT';
  subject: string;
  content: string;
  submitterId: string;
  /** The name and phone the caller gave (personal information of the submitter). */
  contactName: string;
  contactPhone: string;
  /** USCC of the enterprise the appeal is about, or null. */
  enterpriseUscc: string | null;
  districtCode: DistrictCode;
  /** Department code it was dispatched to (a DISTRICT or MUNICIPAL department). */
  assignedTo: string;
  submittedAt: string;
  /** The closed loop so far, in order; the last event's stage is the appeal's status. */
  timeline: { stage: AppealStage; at: string; departmentCode: string; note: string }[];
  /** 1..5 when RATED (5 = 非常满意). */
  satisfaction: number | null;
}

export interface ServiceItem {
  /** 政务服务事项编码, e.g. '510100-000-XK-0001'. */
  code: string;
  name: string;
  departmentCode: string;
  category: 'ADMINISTRATIVE_LICENSING' | 'PUBLIC_SERVICE' | 'ADMINISTRATIVE_CONFIRMATION' | 'OTHER';
  onlineAvailable: boolean;
  promisedDays: number;
}

export type RatingLevel =
  'VERY_SATISFIED' | 'SATISFIED' | 'BASICALLY_SATISFIED' | 'DISSATISFIED' | 'VERY_DISSATISFIED';

export interface Evaluation {
  id: string;
  serviceItemCode: string;
  evaluatorId: string;
  level: RatingLevel;
  comment: string;
  channel: 'ONSITE' | 'APP' | 'WEB' | 'SMS';
  ratedAt: string;
  /** Poor ratings (DISSATISFIED, VERY_DISSATISFIED) only: due 15 working days after ratedAt. */
  rectification: { dueBy: string; rectifiedAt: string | null } | null;
}

export interface DataResource {
  code: string;
  name: string;
  departmentCode: string;
  sharingClass: 'UNCONDITIONAL' | 'CONDITIONAL' | 'NONE';
  updateFrequency: 'REAL_TIME' | 'DAILY' | 'MONTHLY' | 'YEARLY';
}

/** What a department seeder reads. All iterables are lazy and replayable: same seed, same rows. */
export interface City {
  readonly seed: number;
  /** Approximate person count asked for (households are generated until it is reached). */
  readonly size: number;
  districts(): readonly District[];
  departments(): readonly Department[];
  households(): Iterable<Household>;
  marriages(): Iterable<Marriage>;
  birthCertificates(): Iterable<BirthCertificate>;
  vaccinations(): Iterable<Vaccination>;
  medicalVisits(): Iterable<MedicalVisit>;
  enterprises(): Iterable<Enterprise>;
  appeals(): Iterable<Appeal>;
  serviceItems(): readonly ServiceItem[];
  evaluations(): Iterable<Evaluation>;
  dataResources(): readonly DataResource[];
}
