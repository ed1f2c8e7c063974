import { DEFAULT_CITY_PERSONS, DEFAULT_CITY_SEED } from '../../../fixtures/city/dataset';
import { evaluate } from '../../../subgraphs/data-bureau/incidents/rules';
import { normalDay } from './support';

describe('the default city on normal working days', () => {
  it.each(['2026-11-16', '2026-11-18', '2026-11-20'])('raises no alarm on %s', async (day) => {
    const { records, staff, context } = normalDay(
      { seed: DEFAULT_CITY_SEED, persons: DEFAULT_CITY_PERSONS },
      day,
    );
    expect(staff).toHaveLength(56);
    expect(records.length).toBeGreaterThan(56 * 30);
    expect(await evaluate(records, context)).toEqual([]);
  });
});
