import type { DistrictCode, Gender } from './types';
import { REFERENCE_DAY, isoDate } from './calendar';
import { DISTRICTS } from './districts';
import { residentIdCheckChar } from './identifiers';
import { hash } from './random';
import { affine, base32, digits, permute40 } from './scramble';

/**
 * A person's identifiers, all derived from indexes so that they are unique by construction.
 *
 * Resident ID numbers (division, birth date, sequence) of persons aged 1 or more: the ordinal
 * o splits into a cell j = o mod CELLS and a rank k = o div CELLS. Ages come in blocks of
 * AGE_BLOCK years; the cell fixes the birth district and the day within the block (a
 * bijection of j), the rank fixes the sequence number (a bijection of k for each j). Two
 * persons with the same division, birth date and sequence are in the same age block, hence
 * have the same j, and the same k: they are the same person. The price: an actual age lands
 * anywhere in the planned age's block, up to AGE_BLOCK - 1 years off the plan.
 *
 * Newborns (born within the last 365 days, a range no one older shares) are registered in
 * their household's district and keyed by their household instead: at most one per
 * `stride` households (see newbornStride), the key fixing the day and the rank.
 */

const DAYS = 365;
const AGE_BLOCK = 3;
const BLOCK_DAYS = DAYS * AGE_BLOCK;
/** Birth cells: (district, day within an age block) pairs. */
export const CELLS = DISTRICTS.length * BLOCK_DAYS;
export const SEQUENCES = 499;
const CELL_FACTOR = 1693;
const NEWBORN_CELLS = DAYS * SEQUENCES;

/** How many persons can have distinct resident ID numbers under this scheme. */
export const IDENTITY_CAPACITY = CELLS * SEQUENCES;

/** Only households h with h % stride === 0 may hold a newborn, so newborn keys stay distinct. */
export function newbornStride(households: number): number {
  return Math.max(1, Math.ceil(households / NEWBORN_CELLS));
}

export interface Birth {
  /** Day number of the birth date. */
  day: number;
  /** Where the birth was registered: the division in the resident ID number. */
  districtCode: DistrictCode;
  /** 0..498: the sequence number is 2 * rank + 1 for a man, 2 * rank + 2 for a woman. */
  rank: number;
}

/**
 * Birth of the person with this ordinal, planned to be `years` old (1 or more, in 365-day
 * years at the reference date); the actual age is in the same block of AGE_BLOCK years.
 */
export function birthOf(seed: number, ordinal: number, years: number): Birth {
  const j = ordinal % CELLS;
  const cell = affine(j, CELLS, CELL_FACTOR, hash(seed, 'birth-cell', 0));
  const block = Math.floor((years - 1) / AGE_BLOCK);
  return {
    day: REFERENCE_DAY - DAYS - BLOCK_DAYS * block - (cell % BLOCK_DAYS),
    districtCode: DISTRICTS[Math.floor(cell / BLOCK_DAYS)]!.code,
    rank: (Math.floor(ordinal / CELLS) + hash(seed, 'sequence', j)) % SEQUENCES,
  };
}

/** Birth of the newborn of household h (a multiple of `stride`), registered in its district. */
export function newbornBirth(
  seed: number,
  h: number,
  stride: number,
  districtCode: DistrictCode,
): Birth {
  const cell = affine(h / stride, NEWBORN_CELLS, CELL_FACTOR, hash(seed, 'newborn-cell', 0));
  return { day: REFERENCE_DAY - (cell % DAYS), districtCode, rank: Math.floor(cell / DAYS) };
}

/** GB 11643 resident ID number of a person with this birth and gender. */
export function residentIdNumber(birth: Birth, gender: Gender): string {
  const sequence = gender === 'MALE' ? 2 * birth.rank + 1 : 2 * birth.rank + 2;
  const first17 = birth.districtCode + isoDate(birth.day).replaceAll('-', '') + digits(sequence, 3);
  return first17 + residentIdCheckChar(first17);
}

/** Opaque person key, e.g. 'P0004J2K9'. */
export function personId(seed: number, ordinal: number): string {
  return `P${base32(permute40(ordinal, hash(seed, 'person-id', 0)), 8)}`;
}

/** Opaque household key, e.g. 'H1Q7TZ0CM'. */
export function householdId(seed: number, household: number): string {
  return `H${base32(permute40(household, hash(seed, 'household-id', 0)), 8)}`;
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '177',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];

/** Mobile number: unique, as the last 8 digits are a bijection of the ordinal. */
export function mobileNumber(seed: number, ordinal: number): string {
  const prefix = MOBILE_PREFIXES[hash(seed, 'carrier', ordinal) % MOBILE_PREFIXES.length]!;
  const scrambled = ordinal ^ (hash(seed, 'mobile', 0) & 0x7fffff); // ordinal < 2^23
  return prefix + digits(affine(scrambled, 100_000_000, 48_271_403, hash(seed, 'mobile', 1)), 8);
}

/** Social insurance account number, 'SI5101' + 10 digits, unique per person. */
export function socialInsuranceAccount(seed: number, ordinal: number): string {
  return `SI5101${digits(affine(ordinal, 10_000_000_000, 777_781, hash(seed, 'si', 0)), 10)}`;
}
