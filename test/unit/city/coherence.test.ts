import { createCity, REFERENCE_DATE, type Household, type Person } from '../../../fixtures/city';

const city = createCity({ seed: 20261124, persons: 20_000 });
const households: Household[] = [...city.households()];
const persons = new Map<string, Person>(households.flatMap((h) => h.members.map((p) => [p.id, p])));
const enterprises = new Map([...city.enterprises()].map((e) => [e.uscc, e]));
const departments = new Map(city.departments().map((d) => [d.code, d]));

function age(birthDate: string, on = REFERENCE_DATE): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The ids among `ids` that are not adults of the city. */
function notAdults(ids: Iterable<string>): string[] {
  return [...ids].filter((id) => {
    const person = persons.get(id);
    return !person || age(person.birthDate) < 18;
  });
}

describe('households', () => {
  it('are headed by an adult of 22 to 80, and everyone lives at the household address', () => {
    const heads = households.map((h) => h.members[0]!);
    expect(
      heads.filter(
        (p) => p.relationToHead !== '户主' || age(p.birthDate) < 22 || age(p.birthDate) > 80,
      ),
    ).toEqual([]);
    expect(
      households.filter((h) =>
        h.members.some((p) => p.householdId !== h.id || p.address !== h.address),
      ),
    ).toEqual([]);
  });

  it('pair spouses of opposite sex, with children at least 18 years younger than the head', () => {
    const odd = households.filter((h) => {
      const [head, ...rest] = h.members;
      return rest.some(
        (p) =>
          (p.relationToHead === '配偶' && p.gender === head!.gender) ||
          (p.relationToHead === '子女' && age(head!.birthDate) - age(p.birthDate) < 18),
      );
    });
    expect(odd).toEqual([]);
  });

  it('give mobiles only to persons of 12 or more and employment only to adults', () => {
    const odd = [...persons.values()].filter(
      (p) =>
        (p.mobile === null) !== age(p.birthDate) < 12 ||
        (p.employment === null) !== age(p.birthDate) < 18,
    );
    expect(odd).toEqual([]);
  });

  it('grant the subsistence allowance to about 3% of households, low-income ones, applied for by the head', () => {
    const granted = households.filter((h) => h.subsistenceAllowance);
    expect(granted.length / households.length).toBeGreaterThan(0.02);
    expect(granted.length / households.length).toBeLessThan(0.04);
    const income = (h: Household) =>
      h.members.reduce((sum, p) => sum + (p.annualIncomes[0]?.amount ?? 0), 0);
    expect(granted.filter((h) => income(h) > 15_000 * h.members.length)).toEqual([]);
    expect(granted.filter((h) => h.subsistenceAllowance!.applicantId !== h.members[0]!.id)).toEqual(
      [],
    );
  });
});

describe('references between collections', () => {
  it('name employers that exist and are active', () => {
    const employers = [...persons.values()].flatMap((p) =>
      p.employment?.employerUscc ? [p.employment.employerUscc] : [],
    );
    expect(employers.length).toBeGreaterThan(1_000);
    expect(employers.filter((uscc) => enterprises.get(uscc)?.status !== 'ACTIVE')).toEqual([]);
  });

  it('name adult residents as legal representatives', () => {
    expect(notAdults([...enterprises.values()].map((e) => e.legalRepresentativeId))).toEqual([]);
  });

  it('have penalties decided by a market regulation department', () => {
    const authorities = [...enterprises.values()].flatMap((e) =>
      e.penalties.map((p) => departments.get(p.authorityCode)),
    );
    expect(authorities.length).toBeGreaterThan(0);
    expect(authorities.filter((d) => !d?.nameEn.includes('Market Regulation'))).toEqual([]);
  });

  it('issue a birth certificate for every child under one, matching the child and its parents', () => {
    const certificates = [...city.birthCertificates()];
    const babies = [...persons.values()].filter((p) => age(p.birthDate) === 0);
    expect(babies.length).toBeGreaterThan(20);
    expect(certificates.map((c) => c.childId).sort()).toEqual(babies.map((p) => p.id).sort());
    const wrong = certificates.filter((c) => {
      const child = persons.get(c.childId)!;
      const mother = persons.get(c.motherId);
      const father = c.fatherId === null ? null : persons.get(c.fatherId);
      return (
        c.birthDate !== child.birthDate ||
        c.gender !== child.gender ||
        c.districtCode !== child.districtCode ||
        child.idNumber.slice(0, 6) !== c.districtCode ||
        mother?.gender !== 'FEMALE' ||
        mother.householdId !== child.householdId ||
        father === undefined ||
        (father !== null && father.gender !== 'MALE')
      );
    });
    expect(wrong).toEqual([]);
  });

  it('register marriages between adults of opposite sex', () => {
    const marriages = [...city.marriages()];
    expect(marriages.some((m) => m.kind === 'DIVORCE')).toBe(true);
    expect(notAdults(marriages.flatMap((m) => [m.partyAId, m.partyBId]))).toEqual([]);
    expect(
      marriages.filter((m) => persons.get(m.partyAId)!.gender === persons.get(m.partyBId)!.gender),
    ).toEqual([]);
    expect(marriages.filter((m) => m.registeredOn > REFERENCE_DATE)).toEqual([]);
  });

  it('vaccinate only young children and record visits of existing persons', () => {
    const vaccinated = [...city.vaccinations()].map((v) => persons.get(v.personId));
    expect(vaccinated.filter((p) => !p || age(p.birthDate) >= 7)).toEqual([]);
    expect([...city.medicalVisits()].filter((v) => !persons.has(v.personId))).toEqual([]);
  });
});
