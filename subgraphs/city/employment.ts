import type { Employment, Gender, Person } from './types';
import type { CityContext } from './context';
import { LAST_YEAR, REFERENCE_DAY, addYears, isoDate, toDay } from './calendar';
import { employerUscc } from './enterprises';
import { socialInsuranceAccount } from './identity';
import type { Rng } from './random';

/** Chengdu's social insurance contribution base band, yuan per month. */
const BASE_MIN = 4_071;
const BASE_MAX = 20_355;
const SCHEME_START = toDay('1995-01-01');

function statusOf(rng: Rng, age: number, gender: Gender, poor: boolean): Employment['status'] {
  if (age >= (gender === 'MALE' ? 60 : 55)) return rng.chance(0.9) ? 'RETIRED' : 'SELF_EMPLOYED';
  if (poor) return rng.chance(0.6) ? 'UNEMPLOYED' : rng.chance(0.6) ? 'SELF_EMPLOYED' : 'EMPLOYED';
  if (age < 22 && rng.chance(0.6)) return 'UNEMPLOYED';
  const u = rng.float();
  return u < 0.76 ? 'EMPLOYED' : u < 0.88 ? 'SELF_EMPLOYED' : 'UNEMPLOYED';
}

const SI_STATUS: Record<
  Employment['status'],
  readonly [Employment['socialInsuranceStatus'], number][]
> = {
  EMPLOYED: [
    ['ACTIVE', 0.97],
    ['SUSPENDED', 0.03],
  ],
  SELF_EMPLOYED: [
    ['ACTIVE', 0.7],
    ['SUSPENDED', 0.3],
  ],
  UNEMPLOYED: [
    ['SUSPENDED', 0.7],
    ['TERMINATED', 0.3],
  ],
  RETIRED: [['ACTIVE', 1]],
};

function insuranceStatus(
  rng: Rng,
  status: Employment['status'],
): Employment['socialInsuranceStatus'] {
  let u = rng.float();
  for (const [value, weight] of SI_STATUS[status]) {
    if (u < weight) return value;
    u -= weight;
  }
  return 'ACTIVE';
}

/** Employment and social insurance of an adult. */
export function employmentOf(
  context: CityContext,
  rng: Rng,
  person: { ordinal: number; gender: Gender; age: number; birthDay: number; poor: boolean },
): Employment {
  const status = statusOf(rng, person.age, person.gender, person.poor);
  const skew = rng.float() ** (person.poor ? 6 : 2.5);
  const from = Math.max(SCHEME_START, addYears(person.birthDay, 18));
  return {
    employerUscc: status === 'EMPLOYED' ? employerUscc(context, person.ordinal) : null,
    status,
    socialInsuranceAccount: socialInsuranceAccount(context.seed, person.ordinal),
    socialInsuranceStatus: insuranceStatus(rng, status),
    monthlyContributionBase: Math.round(BASE_MIN + (BASE_MAX - BASE_MIN) * skew),
    insuredSince: isoDate(Math.min(REFERENCE_DAY - 30, from + rng.int(0, 2_000))),
  };
}

function unreachable(status: never): never {
  throw new Error(`Unknown employment status '${String(status)}'.`);
}

/** Taxable income for the last three years, most recent first. */
export function incomesOf(
  rng: Rng,
  employment: Employment,
  poor: boolean,
): Person['annualIncomes'] {
  const yearly = (): number => {
    if (poor) return rng.int(0, 14_000);
    switch (employment.status) {
      case 'EMPLOYED':
        return employment.monthlyContributionBase * 12 * (0.95 + rng.float() * 0.5);
      case 'SELF_EMPLOYED':
        return 20_000 + 280_000 * rng.float() ** 2;
      case 'UNEMPLOYED':
        return rng.chance(0.5) ? 0 : rng.int(1_000, 12_000);
      case 'RETIRED':
        return 24_000 + 48_000 * rng.float();
      default:
        return unreachable(employment.status);
    }
  };
  const latest = yearly();
  return [0, 1, 2].map((back) => ({
    year: LAST_YEAR - back,
    amount: Math.round(latest / (1 + 0.04 * back * rng.float())),
  }));
}
