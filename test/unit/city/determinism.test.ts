import { createCity, REFERENCE_DATE, type City } from '../../../fixtures/city';

function take<T>(items: Iterable<T>, count: number): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (out.length === count) break;
    out.push(item);
  }
  return out;
}

/** The first rows of every collection: what two cities must agree (or differ) on. */
function sample(city: City) {
  return {
    households: take(city.households(), 30),
    enterprises: take(city.enterprises(), 20),
    appeals: take(city.appeals(), 20),
    evaluations: take(city.evaluations(), 20),
    marriages: take(city.marriages(), 20),
    birthCertificates: take(city.birthCertificates(), 5),
    vaccinations: take(city.vaccinations(), 20),
    medicalVisits: take(city.medicalVisits(), 20),
  };
}

describe('the synthetic city is deterministic', () => {
  it('gives the same rows for the same seed and size', () => {
    const options = { seed: 7, persons: 5_000 };
    expect(sample(createCity(options))).toEqual(sample(createCity(options)));
  });

  it('replays every iterable: iterating twice gives the same rows', () => {
    const city = createCity({ seed: 7, persons: 5_000 });
    expect(sample(city)).toEqual(sample(city));
    expect([...city.enterprises()]).toEqual([...city.enterprises()]);
  });

  it('gives different rows for a different seed', () => {
    const a = sample(createCity({ seed: 7, persons: 5_000 }));
    const b = sample(createCity({ seed: 8, persons: 5_000 }));
    for (const key of Object.keys(a) as (keyof typeof a)[]) expect(a[key]).not.toEqual(b[key]);
  });

  it('keeps fixed registries independent of the seed', () => {
    const a = createCity({ seed: 7, persons: 100 });
    const b = createCity({ seed: 8, persons: 100 });
    expect(a.departments()).toEqual(b.departments());
    expect(a.serviceItems()).toEqual(b.serviceItems());
    expect(a.dataResources()).toEqual(b.dataResources());
    expect(a.districts()).toEqual(b.districts());
  });

  it('holds about as many persons as asked for, never fewer', () => {
    for (const persons of [1, 99, 2_770, 12_345]) {
      const city = createCity({ seed: 3, persons });
      let count = 0;
      for (const household of city.households()) count += household.members.length;
      expect(count).toBeGreaterThanOrEqual(persons);
      expect(count).toBeLessThanOrEqual(persons + 4);
    }
  });

  it('is frozen at the reference date, not the wall clock', () => {
    expect(REFERENCE_DATE).toBe('2026-11-01');
  });

  it('rejects sizes and seeds it cannot honour', () => {
    expect(() => createCity({ seed: 1, persons: 0 })).toThrow(RangeError);
    expect(() => createCity({ seed: 1, persons: 2.5 })).toThrow(RangeError);
    expect(() => createCity({ seed: 1, persons: 10_000_000 })).toThrow(
      /A city has 1 to 6556855 persons/,
    );
    expect(() => createCity({ seed: -1, persons: 10 })).toThrow(RangeError);
  });
});
