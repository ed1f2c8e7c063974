import type { PositionalStyle } from './mask-keeps';

/**
 * The linkage model: what a consumer can learn about a person from the fields it reads, and
 * how much of a masked value that leaves unknown. Data only; linkage.ts does the counting.
 * The counts are round estimates on the low side (fewer candidates = stricter lint).
 */

/** Below this many candidate full values, a masked value counts as rebuilt. */
export const MIN_CANDIDATES = 1000;

/** Something about a person that narrows a part of a masked value. */
export type PersonFact = 'district' | 'city' | 'birth-year' | 'birth-date' | 'gender';

/** A run of characters of a value that can be learnt on its own. */
export interface ValuePart {
  readonly name: string;
  /** Character positions [from, to). */
  readonly from: number;
  readonly to: number;
  /** How many values it may take when nothing is known about the person. */
  readonly candidates: number;
  /** Values a single character may take (10 for digits): what a kept character removes. */
  readonly alphabet: number;
  /** Facts that narrow the part, with the candidates left once the fact is known. */
  readonly narrowedBy?: Readonly<Partial<Record<PersonFact, number>>>;
}

/** A value whose masking style keeps characters by position, cut into parts. */
export interface ValueModel {
  /** A typical length, for the positions the style keeps. */
  readonly length: number;
  readonly parts: readonly ValuePart[];
  /** A character computed from the others: shown, it divides the candidates left. */
  readonly check?: { readonly at: number; readonly divides: number };
}

/** A part made of digits. */
function digits(
  name: string,
  [from, to]: readonly [number, number],
  candidates: number,
  narrowedBy?: ValuePart['narrowedBy'],
): ValuePart {
  return { name, from, to, candidates, alphabet: 10, ...(narrowedBy && { narrowedBy }) };
}

/** Common Chinese characters: what one kept character of a name removes. */
const HANZI = 3500;

/** One model per positional style whose values identify a person. */
export const VALUE_MODELS: Readonly<Partial<Record<PositionalStyle, ValueModel>>> = {
  // GB 11643: 6-digit division code, YYYYMMDD, 3-digit sequence (odd = male), check char.
  // The division code is taken to be the district of household registration (usually so).
  // ~2,800 county-level divisions in 31 provinces (Sichuan 183); a city has ~25 codes.
  ID_NUMBER: {
    length: 18,
    parts: [
      digits('province', [0, 2], 31, { district: 1, city: 1 }),
      digits('county', [2, 6], 90, { district: 1, city: 25 }),
      digits('birth year', [6, 10], 100, { 'birth-year': 1, 'birth-date': 1 }),
      digits('birth day', [10, 14], 365, { 'birth-date': 1 }),
      digits('sequence', [14, 16], 100),
      digits('gender digit', [16, 17], 10, { gender: 5 }),
    ],
    check: { at: 17, divides: 11 },
  },
  // 1[3-9]x: ~50 allocated network prefixes; then a 4-digit home-location block (of 10,000
  // per prefix, a city of 20M holds ~200); then a 4-digit subscriber number.
  MOBILE: {
    length: 11,
    parts: [
      digits('network', [0, 3], 50),
      digits('home block', [3, 7], 10_000, { city: 200, district: 200 }),
      digits('subscriber', [7, 11], 10_000),
    ],
  },
  // The 100 most common surnames cover 85% of people; given names in use within one birth
  // cohort and sex number in the thousands (counted once the surname is known).
  NAME: {
    length: 3,
    parts: [
      { name: 'surname', from: 0, to: 1, candidates: 100, alphabet: HANZI },
      {
        name: 'given name',
        from: 1,
        to: 3,
        candidates: 5000,
        alphabet: HANZI,
        narrowedBy: { gender: 2500 },
      },
    ],
  },
};

/** What reading a field (in full, or in its masking style) tells about the person it describes. */
export interface FieldFacts {
  /** The fact the field's full value is: masked, it is rebuilt wherever else the fact is read. */
  readonly is?: PersonFact;
  readonly full: readonly PersonFact[];
  readonly masked?: readonly PersonFact[];
}

/**
 * Fields that describe a person, wherever they sit: the lint assumes the consumer links them
 * to the same person (the graph exists to do so), whichever relation it reaches them by.
 */
export const FIELD_FACTS: Readonly<Record<string, FieldFacts>> = {
  'Person.idNumber': { full: ['district', 'city', 'birth-date', 'birth-year', 'gender'] },
  'Person.districtCode': { is: 'district', full: ['district', 'city'] },
  // ADDRESS keeps the street, so the district too.
  'Person.address': { full: ['district', 'city'], masked: ['district', 'city'] },
  // DATE keeps the year.
  'Person.birthDate': {
    is: 'birth-date',
    full: ['birth-date', 'birth-year'],
    masked: ['birth-year'],
  },
  'Person.gender': { is: 'gender', full: ['gender'] },
  'Household.districtCode': { is: 'district', full: ['district', 'city'] },
  'Household.address': { full: ['district', 'city'], masked: ['district', 'city'] },
  'BirthCertificate.birthDate': {
    is: 'birth-date',
    full: ['birth-date', 'birth-year'],
    masked: ['birth-year'],
  },
  'BirthCertificate.gender': { is: 'gender', full: ['gender'] },
  'BirthCertificate.districtCode': { is: 'district', full: ['district', 'city'] },
  'SubsistenceAllowance.districtCode': { is: 'district', full: ['district', 'city'] },
  // Where the appeal is about: the submitter's city, not necessarily their district.
  'Appeal.districtCode': { full: ['city'] },
};

/** Fields that hold the same value of the same person: masked in one, readable in another. */
export const SAME_VALUE: readonly (readonly string[])[] = [
  ['Person.name', 'Appeal.contactName'],
  ['Person.mobile', 'Appeal.contactPhone'],
  ['Person.birthDate', 'BirthCertificate.birthDate'],
  ['Person.gender', 'BirthCertificate.gender'],
  ['Person.districtCode', 'Household.districtCode'],
  ['Person.address', 'Household.address'],
];

/** Queries that take a field's full value and answer with its holder: each candidate can be tried. */
export const LOOKUPS: Readonly<Record<string, readonly string[]>> = {
  'Person.idNumber': ['Query.personByIdNumber'],
  'SocialInsuranceAccount.accountNumber': ['Query.socialInsuranceAccount'],
  'BirthCertificate.certificateNumber': ['Query.birthCertificate'],
};
