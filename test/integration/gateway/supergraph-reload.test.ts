import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '../../../schema';
import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';

const committed = readFileSync(SUPERGRAPH_PATH, 'utf8');
const SATISFACTION = `
  """Mean satisfaction of rated appeals, 1 to 5; null when none rated."""
  averageSatisfaction: Float @classify(sharing: UNCONDITIONAL, pi: NONE)
`;
/** The committed supergraph before AppealSummary.averageSatisfaction was added. */
const withoutSatisfaction = committed.replace(SATISFACTION, '\n');
const SUMMARY = '{ departments { code } }';
const SATISFACTION_QUERY = '{ departments { appealSummary { averageSatisfaction } } }';

let federation: Federation;
let caseworker: Record<string, string>;

beforeAll(async () => {
  expect(withoutSatisfaction).not.toBe(committed);
  federation = await startFederation({ supergraphSdl: withoutSatisfaction });
  caseworker = await as('caseworker', 'social-assistance-eligibility');
});

afterAll(() => federation.stop());

test('a field added in a new supergraph is queryable after the reload, without a restart', async () => {
  const before = await federation.query(SATISFACTION_QUERY, {}, caseworker);
  expect(before.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

  await federation.reloadSupergraph(committed);

  const after = await federation.query(SATISFACTION_QUERY, {}, caseworker);
  expect(after.errors).toBeUndefined();
  expect(after.data).toHaveProperty('departments.0.appealSummary.averageSatisfaction');
  expect(await federation.readiness()).toMatchObject({
    supergraph: { generation: 2, rejected: null, degraded: false },
  });
});

test('a supergraph that does not build is refused and the current one keeps serving', async () => {
  const broken = committed.replace(
    'type AppealSummary',
    'type AppealSummary @join__type(graph: NOWHERE)',
  );
  await expect(federation.reloadSupergraph(broken)).rejects.toThrow(
    /The supergraph does not build/,
  );
  const served = await federation.query(SATISFACTION_QUERY, {}, caseworker);
  expect(served.errors).toBeUndefined();
  const readiness = await federation.readiness();
  expect(readiness).toMatchObject({ supergraph: { generation: 2, degraded: true } });
  await expect(federation.reloadSupergraph('type Query { nothing: Int }')).rejects.toThrow();
});

test('requests running during swaps complete, each on the generation it was admitted under', async () => {
  const outcomes: { status: number; errors?: unknown }[] = [];
  let swapping = true;
  const client = async () => {
    while (swapping) outcomes.push(await federation.query(SUMMARY, {}, caseworker));
  };
  const clients = Array.from({ length: 8 }, client);
  // At least four swaps, and on until more than 16 requests ran across them (however slow the
  // machine is); the graph ends on the committed one.
  for (let swaps = 0; swaps < 4 || outcomes.length <= 16 || swaps % 2 === 1; swaps += 1) {
    await federation.reloadSupergraph(swaps % 2 === 0 ? withoutSatisfaction : committed);
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (swaps > 200) break;
  }
  swapping = false;
  await Promise.all(clients);
  expect(outcomes.length).toBeGreaterThan(16);
  expect(outcomes.filter((o) => o.status !== 200 || o.errors)).toEqual([]);
});
