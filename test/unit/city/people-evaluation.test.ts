import { isWorkday } from 'chinese-days';
import { createCity, REFERENCE_DATE, type AppealStage, type Person } from '../../../fixtures/city';

const city = createCity({ seed: 20261124, persons: 20_000 });
const persons = new Map<string, Person>(
  [...city.households()].flatMap((h) => h.members.map((p) => [p.id, p])),
);
const enterprises = new Set([...city.enterprises()].map((e) => e.uscc));
const departments = new Map(city.departments().map((d) => [d.code, d]));
const appeals = [...city.appeals()];
const evaluations = [...city.evaluations()];

const LOOP: AppealStage[] = [
  'ACCEPTED',
  'DISPATCHED',
  'HANDLING',
  'REPLIED',
  'CLOSED',
  'CALLED_BACK',
  'RATED',
];

function isAdult(person: Person | undefined): boolean {
  return (
    person !== undefined &&
    person.birthDate <= `${Number(REFERENCE_DATE.slice(0, 4)) - 18}${REFERENCE_DATE.slice(4)}`
  );
}

/**
 * The day `count` working days after an ISO date, counted independently of the generator:
 * with chinese-days' own isWorkday (official holidays and make-up days).
 */
function workingDaysAfter(iso: string, count: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  for (let left = count; left > 0;) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkday(date.toISOString().slice(0, 10))) left--;
  }
  return date.toISOString().slice(0, 10);
}

/** The Beijing date of a UTC timestamp. */
const beijingDate = (at: string) =>
  new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 10);

describe('12345 appeals', () => {
  it('come from adult residents, with their own name and phone', () => {
    expect(appeals).toHaveLength(2_000);
    const wrong = appeals.filter((a) => {
      const submitter = persons.get(a.submitterId);
      return (
        !isAdult(submitter) ||
        a.contactName !== submitter!.name ||
        a.contactPhone !== submitter!.mobile
      );
    });
    expect(wrong).toEqual([]);
  });

  it('follow a prefix of the closed loop, in time order, rated only at the end', () => {
    const wrong = appeals.filter((a) => {
      const stages = a.timeline.map((e) => e.stage);
      const times = a.timeline.map((e) => e.at);
      return (
        stages.length === 0 ||
        stages.some((stage, i) => stage !== LOOP[i]) ||
        times.some((at, i) => i > 0 && at <= times[i - 1]!) ||
        a.submittedAt !== times[0] ||
        beijingDate(times.at(-1)!) >= REFERENCE_DATE ||
        (stages.at(-1) === 'RATED') !== (a.satisfaction !== null) ||
        (a.satisfaction !== null && (a.satisfaction < 1 || a.satisfaction > 5)) ||
        a.timeline.some((e) => !departments.has(e.departmentCode))
      );
    });
    expect(wrong).toEqual([]);
    expect(appeals.filter((a) => a.timeline.at(-1)!.stage === 'RATED').length).toBeGreaterThan(800);
  });

  it('concern existing enterprises about 40% of the time, and go to a bureau of their district or the city', () => {
    const aboutEnterprises = appeals.filter((a) => a.enterpriseUscc !== null);
    expect(aboutEnterprises.length / appeals.length).toBeGreaterThan(0.35);
    expect(aboutEnterprises.length / appeals.length).toBeLessThan(0.45);
    expect(aboutEnterprises.filter((a) => !enterprises.has(a.enterpriseUscc!))).toEqual([]);
    const misrouted = appeals.filter((a) => {
      const department = departments.get(a.assignedTo);
      return (
        !department ||
        (department.level === 'DISTRICT' && department.districtCode !== a.districtCode)
      );
    });
    expect(misrouted).toEqual([]);
  });
});

describe('好差评 evaluations', () => {
  const items = new Set(city.serviceItems().map((s) => s.code));

  it('rate existing service items, by adult residents', () => {
    expect(evaluations).toHaveLength(2_000);
    expect(
      evaluations.filter(
        (e) => !items.has(e.serviceItemCode) || !isAdult(persons.get(e.evaluatorId)),
      ),
    ).toEqual([]);
  });

  it('ask poor ratings, and only those, to be rectified within 15 working days', () => {
    const poor = evaluations.filter(
      (e) => e.level === 'DISSATISFIED' || e.level === 'VERY_DISSATISFIED',
    );
    expect(poor.length / evaluations.length).toBeGreaterThan(0.05);
    expect(poor.length / evaluations.length).toBeLessThan(0.11);
    expect(evaluations.filter((e) => (e.rectification !== null) !== poor.includes(e))).toEqual([]);
    const late = poor.filter(
      (e) => e.rectification!.dueBy !== workingDaysAfter(beijingDate(e.ratedAt), 15),
    );
    expect(late).toEqual([]);
    const rectified = poor.filter((e) => e.rectification!.rectifiedAt !== null);
    const overdue = poor.filter(
      (e) => e.rectification!.rectifiedAt === null && e.rectification!.dueBy < REFERENCE_DATE,
    );
    expect(rectified.length).toBeGreaterThan(0);
    expect(overdue.length).toBeGreaterThan(0);
    expect(rectified.filter((e) => e.rectification!.rectifiedAt! <= e.ratedAt)).toEqual([]);
  });
});

describe('registries', () => {
  it('list the municipal bureaus and three bureaus per district under their municipal parent', () => {
    const all = city.departments();
    const municipal = all.filter((d) => d.level === 'MUNICIPAL');
    expect(
      municipal
        .map((d) => d.subgraph)
        .filter(Boolean)
        .sort(),
    ).toEqual([
      'civil-affairs',
      'data-bureau',
      'evaluation',
      'health',
      'hotline',
      'human-resources',
      'market-regulation',
      'public-security',
      'tax',
    ]);
    expect(municipal).toHaveLength(14);
    const district = all.filter((d) => d.level === 'DISTRICT');
    expect(district).toHaveLength(36);
    expect(district.filter((d) => departments.get(d.parentCode!)?.level !== 'MUNICIPAL')).toEqual(
      [],
    );
  });

  it('give every municipal department service items and every subgraph department data resources', () => {
    const municipal = city.departments().filter((d) => d.level === 'MUNICIPAL');
    const itemOwners = new Set(city.serviceItems().map((s) => s.departmentCode));
    expect(municipal.filter((d) => !itemOwners.has(d.code))).toEqual([]);
    const resourceOwners = new Set(city.dataResources().map((r) => r.departmentCode));
    expect(municipal.filter((d) => d.subgraph && !resourceOwners.has(d.code))).toEqual([]);
  });
});
