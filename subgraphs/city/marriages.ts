import type { Household, Marriage, Person } from './types';
import type { CityContext } from './context';
import { REFERENCE_DAY, addYears, ageOn, isoDate, toDay } from './calendar';
import { DISTRICT_BY_POPULATION } from './districts';
import { household } from './households';
import { stream, type Rng } from './random';
import { scrambledDigits } from './scramble';

/**
 * Civil affairs' marriage register: one MARRIAGE for every couple living together, and,
 * for some pairs of neighbouring single heads (households 2m and 2m+1), a past marriage
 * and its DIVORCE. Numbers are 'J'/'L' + district + year + a bijection of the household.
 */
export function* marriages(context: CityContext): Generator<Marriage> {
  const { households } = context.layout;
  for (let h = 0; h < households; h += 2) {
    const first = household(context, h);
    const second = h + 1 < households ? household(context, h + 1) : null;
    const couple = coupleRecord(context.seed, h, first);
    if (couple) yield couple;
    if (!second) continue;
    const next = coupleRecord(context.seed, h + 1, second);
    if (next) yield next;
    yield* divorceRecords(context.seed, h, first, second);
  }
}

const FIRST_REGISTRATION = toDay('1980-01-01');

/** Earliest day both may marry: men at 22, women at 20. */
function legalDay(a: Person, b: Person): number {
  const legal = (p: Person) => addYears(toDay(p.birthDate), p.gender === 'MALE' ? 22 : 20);
  return Math.max(FIRST_REGISTRATION, legal(a), legal(b));
}

function number(prefix: 'J' | 'L', districtCode: string, day: number, h: number): string {
  return `${prefix}${districtCode}-${isoDate(day).slice(0, 4)}-${scrambledDigits(h, 7, 1_234)}`;
}

function registryDistrict(rng: Rng, home: string): string {
  return rng.chance(0.8) ? home : rng.weighted(DISTRICT_BY_POPULATION).code;
}

function coupleRecord(seed: number, h: number, home: Household): Marriage | null {
  const [head, spouse] = home.members;
  if (!head || !spouse || spouse.relationToHead !== '配偶') return null;
  const rng = stream(seed, 'marriage', h);
  const lower = legalDay(head, spouse);
  const children = home.members
    .filter((m) => m.relationToHead === '子女')
    .map((m) => toDay(m.birthDate));
  const upper = Math.min(REFERENCE_DAY - 1, lower + 12 * 365, ...children.map((day) => day - 200));
  const day = upper > lower ? lower + Math.floor((upper - lower) * rng.float() ** 1.5) : lower;
  const districtCode = registryDistrict(rng, home.districtCode);
  return {
    registrationNumber: number('J', districtCode, day, h),
    partyAId: head.id,
    partyBId: spouse.id,
    kind: 'MARRIAGE',
    registeredOn: isoDate(day),
    districtCode,
  };
}

function divorceRecords(seed: number, h: number, first: Household, second: Household): Marriage[] {
  const a = first.members[0]!;
  const b = second.members[0]!;
  const single = (home: Household) => home.members[1]?.relationToHead !== '配偶';
  if (!single(first) || !single(second) || a.gender === b.gender) return [];
  if (ageOn(a.birthDate) < 27 || ageOn(b.birthDate) < 27) return [];
  const rng = stream(seed, 'divorce', h);
  if (!rng.chance(0.6)) return [];
  const lower = legalDay(a, b);
  const married = lower + rng.int(0, Math.max(0, REFERENCE_DAY - 730 - lower));
  const divorced = Math.min(REFERENCE_DAY - 1, married + rng.int(365, 15 * 365));
  const districtCode = registryDistrict(rng, first.districtCode);
  const record = (kind: Marriage['kind'], day: number): Marriage => ({
    registrationNumber: number(kind === 'MARRIAGE' ? 'J' : 'L', districtCode, day, h),
    partyAId: a.gender === 'MALE' ? a.id : b.id,
    partyBId: a.gender === 'MALE' ? b.id : a.id,
    kind,
    registeredOn: isoDate(day),
    districtCode,
  });
  return [record('MARRIAGE', married), record('DIVORCE', Math.max(married + 30, divorced))];
}
