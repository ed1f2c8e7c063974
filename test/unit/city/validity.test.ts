import { createCity, type Person } from '../../../fixtures/city';
import {
  explainInvalidMobile,
  explainInvalidResidentId,
  explainInvalidUscc,
} from '../../../domain/identifiers';
import {
  CELLS,
  SEQUENCES,
  birthOf,
  newbornBirth,
  newbornStride,
  residentIdNumber,
} from '../../../fixtures/city/identity';

const city = createCity({ seed: 20261124, persons: 20_000 });
const persons: Person[] = [...city.households()].flatMap((h) => h.members);
const enterprises = [...city.enterprises()];

/** Values that occur more than once. */
function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => seen.has(value) || !seen.add(value));
}

/** Values paired with why they are invalid, for the invalid ones only. */
function invalid(values: readonly string[], explain: (value: string) => string | null) {
  return values.map((value) => [value, explain(value)]).filter(([, reason]) => reason !== null);
}

describe('identifiers of a 20,000-person city', () => {
  it('gives every person a valid resident ID number of their own, matching gender and birth date', () => {
    const ids = persons.map((p) => p.idNumber);
    expect(invalid(ids, explainInvalidResidentId)).toEqual([]);
    expect(duplicates(ids)).toEqual([]);
    const mismatched = persons.filter(
      (p) =>
        p.idNumber.slice(6, 14) !== p.birthDate.replaceAll('-', '') ||
        Number(p.idNumber[16]) % 2 !== (p.gender === 'MALE' ? 1 : 0),
    );
    expect(mismatched).toEqual([]);
  });

  it('gives every enterprise and department a valid code of its own', () => {
    const codes = [...enterprises.map((e) => e.uscc), ...city.departments().map((d) => d.code)];
    expect(invalid(codes, explainInvalidUscc)).toEqual([]);
    expect(duplicates(codes)).toEqual([]);
    expect(city.departments().every((d) => d.code.startsWith('11'))).toBe(true);
  });

  it('gives every person aged 12 or more a valid mobile number of their own', () => {
    const mobiles = persons.flatMap((p) => (p.mobile ? [p.mobile] : []));
    expect(invalid(mobiles, explainInvalidMobile)).toEqual([]);
    expect(duplicates(mobiles)).toEqual([]);
  });

  it('never repeats a key, number or name meant to be unique', () => {
    const keys = {
      personIds: persons.map((p) => p.id),
      householdIds: [...city.households()].map((h) => h.id),
      socialInsuranceAccounts: persons.flatMap((p) =>
        p.employment ? [p.employment.socialInsuranceAccount] : [],
      ),
      enterpriseNames: enterprises.map((e) => e.name),
      penaltyDecisions: enterprises.flatMap((e) => e.penalties.map((p) => p.decisionNumber)),
      marriageNumbers: [...city.marriages()].map((m) => m.registrationNumber),
      certificateNumbers: [...city.birthCertificates()].map((b) => b.certificateNumber),
      appealNumbers: [...city.appeals()].map((a) => a.number),
      evaluationIds: [...city.evaluations()].map((e) => e.id),
      serviceItemCodes: city.serviceItems().map((s) => s.code),
      dataResourceCodes: city.dataResources().map((r) => r.code),
    };
    const repeated = Object.fromEntries(
      Object.entries(keys).map(([name, values]) => [name, duplicates(values)]),
    );
    expect(repeated).toEqual(Object.fromEntries(Object.keys(keys).map((name) => [name, []])));
    expect(persons.every((p) => /^P[0-9A-Z]{8}$/.test(p.id))).toBe(true);
  });
});

describe('resident ID numbers at full scale', () => {
  it('never collide for persons of the same age sharing birth cells, across every rank', () => {
    const ids = new Set<string>();
    for (let cell = 0; cell < 200; cell++) {
      for (let rank = 0; rank < SEQUENCES; rank++) {
        const ordinal = rank * CELLS + cell;
        ids.add(residentIdNumber(birthOf(1, ordinal, 40), ordinal % 2 ? 'MALE' : 'FEMALE'));
      }
    }
    expect(ids.size).toBe(200 * SEQUENCES);
  });

  it('never collide for newborns of the same district, up to the largest city', () => {
    const households = 2_400_000;
    const stride = newbornStride(households);
    const ids = new Set<string>();
    let count = 0;
    for (let h = 0; h < households; h += stride, count++) {
      ids.add(residentIdNumber(newbornBirth(1, h, stride, '510107'), 'FEMALE'));
    }
    expect(ids.size).toBe(count);
  });
});
