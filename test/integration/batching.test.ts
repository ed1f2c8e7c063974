import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFederation, type Federation } from '../support/federation';
import { as } from '../support/security';

const PERSONS_IN_DISTRICT = readFileSync(
  join(__dirname, '..', '..', 'schema', 'examples', '5-persons-in-district.graphql'),
  'utf8',
);

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation.stop());

async function statementsFor(limit: number): Promise<{ statements: number; persons: unknown[] }> {
  const before = federation.statements();
  const response = await federation.query<{ persons: unknown[] }>(
    PERSONS_IN_DISTRICT,
    { districtCode: '510107', limit },
    await as('caseworker', 'social-assistance-eligibility'),
  );
  expect(response.errors).toBeUndefined();
  return { statements: federation.statements() - before, persons: response.data!.persons };
}

describe('cross-department lists are batched (no N+1)', () => {
  it('costs the same SQL statements for 10 and for 100 persons across four departments', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(ten.persons).toHaveLength(10);
    expect(hundred.persons).toHaveLength(100);
    expect(hundred.statements).toBe(ten.statements);
    // One list query in public security, then one statement per table in each department.
    expect(hundred.statements).toBeLessThanOrEqual(8);
  });
});
