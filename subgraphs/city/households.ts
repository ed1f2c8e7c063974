import type { Household, Person } from './types';
import type { CityContext } from './context';
import { ageOn, isoDate } from './calendar';
import { planHousehold, type MemberPlan } from './composition';
import { DISTRICT_BY_POPULATION, dwelling, randomPlace } from './districts';
import { employmentOf, incomesOf } from './employment';
import {
  birthOf,
  householdId,
  mobileNumber,
  newbornBirth,
  personId,
  residentIdNumber,
} from './identity';
import { ETHNICITIES, SURNAMES, fullName } from './names';
import { stream, type Rng } from './random';
import { subsistenceAllowance } from './subsistence';

/** Share of households living on a low income; they are the ones receiving 低保. */
const LOW_INCOME_SHARE = 0.03;

/** Household h (0 <= h < layout.households), with all its members, in O(1). */
export function household(context: CityContext, h: number): Household {
  const rng = stream(context.seed, 'household', h);
  const district = rng.weighted(DISTRICT_BY_POPULATION);
  const place = randomPlace(rng, district);
  const address = dwelling(rng, place);
  const poor = rng.chance(LOW_INCOME_SHARE);
  const { newbornStride } = context.layout;
  const plans = planHousehold(
    rng,
    context.layout.sizeOf(h),
    h % newbornStride === 0 ? newbornStride : 0,
  );
  const lineage = familyLines(rng, plans);
  const id = householdId(context.seed, h);

  const members = plans.map((plan, slot): Person => {
    const ordinal = context.layout.ordinal(h, slot);
    const birth =
      plan.years === 0
        ? newbornBirth(context.seed, h, newbornStride, district.code)
        : birthOf(context.seed, ordinal, plan.years);
    const birthDate = isoDate(birth.day);
    const age = ageOn(birthDate);
    const { surname, ethnicity } = lineage[slot]!;
    const employment =
      age >= 18
        ? employmentOf(context, rng, {
            ordinal,
            gender: plan.gender,
            age,
            birthDay: birth.day,
            poor,
          })
        : null;
    return {
      id: personId(context.seed, ordinal),
      idNumber: residentIdNumber(birth, plan.gender),
      name: fullName(rng, surname, plan.gender),
      gender: plan.gender,
      birthDate,
      ethnicity,
      districtCode: district.code,
      address,
      street: place.street,
      mobile: age >= 12 ? mobileNumber(context.seed, ordinal) : null,
      householdId: id,
      relationToHead: plan.role,
      employment,
      annualIncomes: employment ? incomesOf(rng, employment, poor) : [],
    };
  });

  return {
    id,
    districtCode: district.code,
    address,
    members,
    subsistenceAllowance: poor ? subsistenceAllowance(rng, h, members) : null,
  };
}

/** Surname and ethnicity of each member: children follow the father (mostly), parents the head. */
function familyLines(
  rng: Rng,
  plans: readonly MemberPlan[],
): { surname: string; ethnicity: string }[] {
  const head = { surname: rng.weighted(SURNAMES), ethnicity: rng.weighted(ETHNICITIES) };
  const spouse = {
    surname: rng.weighted(SURNAMES),
    ethnicity: rng.chance(0.95) ? '汉族' : rng.weighted(ETHNICITIES),
  };
  const hasSpouse = plans[1]?.role === '配偶';
  const headIsFather = plans[0]!.gender === 'MALE' || !hasSpouse;
  const father = headIsFather ? head : spouse;
  const mother = headIsFather ? (hasSpouse ? spouse : head) : head;
  return plans.map((plan) => {
    switch (plan.role) {
      case '户主':
        return head;
      case '配偶':
        return spouse;
      case '子女':
        return {
          surname: rng.chance(0.92) ? father.surname : mother.surname,
          ethnicity: father.ethnicity,
        };
      case '父母':
        return {
          surname: plan.gender === 'MALE' ? head.surname : rng.weighted(SURNAMES),
          ethnicity: head.ethnicity,
        };
      default:
        return unknownRole(plan.role);
    }
  });
}

function unknownRole(role: never): never {
  throw new Error(`Unknown household role '${String(role)}'.`);
}

/** A random adult resident and their household: a random household, then one of its adults. */
export function randomAdult(context: CityContext, rng: Rng): { person: Person; home: Household } {
  const home = household(context, rng.int(0, context.layout.households - 1));
  const adults = home.members.filter((m) => ageOn(m.birthDate) >= 18);
  return { person: rng.pick(adults), home };
}
