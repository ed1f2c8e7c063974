import type { BirthCertificate, MedicalVisit, Person, Vaccination } from './types';
import type { CityContext } from './context';
import { REFERENCE_DAY, ageOn, isoDate, toDay } from './calendar';
import { districtInfo } from './districts';
import { VACCINE_SCHEDULE, clinic, diagnosis, hospital, maternityHospital } from './health-terms';
import { household } from './households';
import { stream } from './random';
import { scrambledDigits } from './scramble';

/**
 * Health's records: a birth medical certificate for every child under one, the vaccination
 * history of young children, and hospital visits of some residents.
 */

/** Certificates of every newborn; only every newbornStride-th household can hold one. */
export function* birthCertificates(context: CityContext): Generator<BirthCertificate> {
  const { households, newbornStride } = context.layout;
  for (let h = 0; h < households; h += newbornStride) {
    const home = household(context, h);
    const child = home.members.find((m) => m.relationToHead === '子女' && ageOn(m.birthDate) === 0);
    if (!child) continue;
    const parents = home.members.filter(
      (m) => m.relationToHead === '户主' || m.relationToHead === '配偶',
    );
    const rng = stream(context.seed, 'birth-certificate', h);
    const weight = 2_400 + Math.round((rng.float() + rng.float() + rng.float()) * 600);
    yield {
      certificateNumber: `Q${home.districtCode}${scrambledDigits(h / newbornStride, 6, 31_337)}`,
      childId: child.id,
      motherId: parents.find((p) => p.gender === 'FEMALE')!.id,
      fatherId: parents.find((p) => p.gender === 'MALE')?.id ?? null,
      birthDate: child.birthDate,
      hospital: maternityHospital(rng, districtInfo(home.districtCode)),
      weightGrams: weight,
      gender: child.gender,
      districtCode: home.districtCode,
    };
  }
}

/** Doses of the national immunisation programme given to children under seven. */
export function* vaccinations(context: CityContext): Generator<Vaccination> {
  for (let h = 0; h < context.layout.households; h++) {
    const home = household(context, h);
    const children = home.members.filter((m) => ageOn(m.birthDate) < 7);
    if (children.length === 0) continue;
    const rng = stream(context.seed, 'vaccination', h);
    for (const child of children) {
      const born = toDay(child.birthDate);
      for (const { vaccine, dose, ageDays } of VACCINE_SCHEDULE) {
        const day = born + ageDays + rng.int(0, 20);
        if (day >= REFERENCE_DAY || rng.chance(0.03)) continue;
        yield {
          personId: child.id,
          vaccine,
          dose,
          administeredOn: isoDate(day),
          clinic: clinic(child.street),
        };
      }
    }
  }
}

/** One to three hospital visits in the last two years for about a third of residents. */
export function* medicalVisits(context: CityContext): Generator<MedicalVisit> {
  for (let h = 0; h < context.layout.households; h++) {
    const home = household(context, h);
    const rng = stream(context.seed, 'medical-visit', h);
    const district = districtInfo(home.districtCode);
    for (const person of home.members) {
      if (!rng.chance(visitChance(person))) continue;
      const days = Array.from(
        { length: rng.int(1, 3) },
        () => REFERENCE_DAY - rng.int(1, 730),
      ).sort((a, b) => a - b);
      for (const day of days) {
        yield {
          personId: person.id,
          visitedOn: isoDate(day),
          hospital: hospital(rng, district),
          diagnosis: diagnosis(rng, ageOn(person.birthDate)),
        };
      }
    }
  }
}

function visitChance(person: Person): number {
  const age = ageOn(person.birthDate);
  return age < 6 || age >= 60 ? 0.5 : 0.25;
}
