import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';

// Demand control reads @cost and @listSize from the supergraph and estimates each operation
// before any department is called. The alias and root-field limits are raised here so that cost alone decides.
let federation: Federation;
let caseworker: Record<string, string>;
beforeAll(async () => {
  federation = await startFederation({ limits: { maxAliases: 50, maxRootFields: 50 } });
  caseworker = await as('caseworker', 'social-assistance-eligibility');
});
afterAll(() => federation.stop());

/** 40 aliases of a 5,000-row page: 68,240 persons before demand control. */
const FORTY_PAGES = `{ ${Array.from(
  { length: 40 },
  (_, i) => `p${i}: persons(limit: 5000) { name household { id } }`,
).join(' ')} }`;

describe('demand control', () => {
  it('refuses 40 pages of 5,000 persons by their estimated cost, calling no department', async () => {
    const before = federation.statements();
    const response = await federation.query(FORTY_PAGES, undefined, caseworker);
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors).toEqual([
      {
        message:
          "This operation's estimated cost is 400000; at most 10000 is served to official consumers. " +
          'Ask for smaller pages (limit) or fewer lists.',
        extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: 400_000, max: 10_000 },
      },
    ]);
    expect(federation.statements()).toBe(before);
  });

  it('sizes a page by the limit given in a variable', async () => {
    const response = await federation.query(
      'query($n: Int) { persons(limit: $n) { name household { id } } }',
      { n: 6000 },
      caseworker,
    );
    expect(response.errors?.[0]?.extensions).toEqual({
      code: 'COST_ESTIMATED_TOO_EXPENSIVE',
      cost: 12_000,
      max: 10_000,
    });
  });

  it('reports the estimated and the actual cost when the request asks', async () => {
    const response = await federation.post(
      {
        query: '{ persons(districtCode: "510107", limit: 3) { name household { id } } }',
        extensions: { cost: true },
      },
      caseworker,
    );
    expect(response.errors).toBeUndefined();
    // 3 × (person 1 + household 1); the district has at least 3 persons, each in a household.
    expect(response.extensions?.cost).toEqual({
      estimated: 6,
      max: 10_000,
      actual: 6,
      mode: 'enforce',
    });
  });

  it('only measures in measure mode', async () => {
    const measuring = await startFederation({
      cost: { mode: 'measure', max: { official: 100, citizen: 1, anonymous: 1 } },
    });
    try {
      const response = await measuring.post(
        { query: '{ persons(limit: 200) { id } }', extensions: { cost: true } },
        caseworker,
      );
      expect(response.status).toBe(200);
      expect(response.extensions?.cost).toEqual({
        estimated: 200,
        max: 100,
        actual: 200,
        mode: 'measure',
      });
    } finally {
      await measuring.stop();
    }
  });
});
