import { pollSupergraph } from '../../../gateway/generation';
import { createLogger } from '../../../gateway/logger';
import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';
import {
  committedSupergraph as committed,
  SATISFACTION_QUERY,
  startSupergraphRegistry,
  withoutSatisfaction,
  type SupergraphRegistry,
} from '../../support/supergraph-registry';

const SERVICE_ITEMS_SIZE =
  'serviceItems: [ServiceItem!]! @join__field(graph: EVALUATION) @listSize(assumedSize: 50)';
/** The committed supergraph with a department's service items assumed 5 instead of 50. */
const fewerServiceItems = committed.replace(
  SERVICE_ITEMS_SIZE,
  SERVICE_ITEMS_SIZE.replace('assumedSize: 50', 'assumedSize: 5'),
);
const SUMMARY = '{ departments { code } }';
const SERVICE_ITEMS = '{ departments { serviceItems { code } } }';
const POLL_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let federation: Federation;
let caseworker: Record<string, string>;
let served: SupergraphRegistry;
let stopPolling: () => void;
const supergraphStatus = async () => (await federation.readiness()).supergraph as any;
const until = async (what: () => Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(POLL_MS / 2);
  }
};

beforeAll(async () => {
  served = await startSupergraphRegistry(withoutSatisfaction);
  federation = await startFederation({ supergraphSdl: withoutSatisfaction });
  caseworker = await as('caseworker', 'social-assistance-eligibility');
  stopPolling = pollSupergraph({
    url: served.url,
    intervalMs: POLL_MS,
    served: { supergraphSdl: withoutSatisfaction, etag: served.etagOf(withoutSatisfaction) },
    reload: (sdl) => federation.reloadSupergraph(sdl),
    refused: (detail) => federation.supergraphRefused(detail),
    logger: createLogger('silent'),
  });
});

afterAll(async () => {
  stopPolling?.();
  await served?.close();
  await federation?.stop();
});

test('an unchanged supergraph answers 304 to If-None-Match and nothing is reloaded', async () => {
  await until(async () => served.state.requests >= 3);
  expect(served.state.notModified).toBe(served.state.requests);
  expect(await supergraphStatus()).toMatchObject({ generation: 1, rejected: null });
});

test('a new supergraph at the URL is warmed with the most run operations, then served', async () => {
  // The generation serving now runs three operations; one of them the new graph refuses.
  for (let i = 0; i < 3; i += 1) await federation.query(SUMMARY, {}, caseworker);
  await federation.query(SERVICE_ITEMS, {}, caseworker);
  const unknown = await federation.query('{ departments { nameInLatin } }', {}, caseworker);
  expect(unknown.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

  served.state.sdl = committed;
  await until(async () => (await supergraphStatus()).generation === 2);
  // Both operations it ran were planned on the new graph before it went live.
  expect(await supergraphStatus()).toMatchObject({ generation: 2, warmed: 2, rejected: null });
  const after = await federation.query(SATISFACTION_QUERY, {}, caseworker);
  expect(after.errors).toBeUndefined();
  expect(after.data).toHaveProperty('departments.0.appealSummary.averageSatisfaction');
});

test('a failing fetch and a broken supergraph never replace the one served', async () => {
  served.state.failing = true;
  await until(async () => (await supergraphStatus()).degraded === true);
  expect((await supergraphStatus()).rejected.detail).toMatch(/HTTP 503/);
  expect(await federation.query(SATISFACTION_QUERY, {}, caseworker)).toMatchObject({
    status: 200,
    data: expect.anything(),
  });

  served.state.sdl = committed.replace(
    'type AppealSummary',
    'type AppealSummary @join__type(graph: NOWHERE)',
  );
  served.state.failing = false;
  await until(async () => /does not build/.test((await supergraphStatus()).rejected?.detail ?? ''));
  // Examined once: the same ETag is not offered to the gateway again, it answers 304.
  const asked = served.state.notModified;
  await sleep(POLL_MS * 4);
  expect(served.state.notModified).toBeGreaterThan(asked);
  expect(await supergraphStatus()).toMatchObject({ generation: 2, degraded: true });
  const still = await federation.query(SATISFACTION_QUERY, {}, caseworker);
  expect(still.errors).toBeUndefined();
});

test("demand control estimates under each generation's own @listSize", async () => {
  const estimate = async () => {
    const response = await federation.post<any>(
      { query: SERVICE_ITEMS, extensions: { cost: true } },
      caseworker,
    );
    expect(response.errors).toBeUndefined();
    return (response.extensions as any).cost.estimated as number;
  };
  const before = await estimate();
  served.state.sdl = fewerServiceItems;
  await until(async () => (await supergraphStatus()).generation === 3);
  const after = await estimate();
  expect(after).toBeLessThan(before);
  // Only the assumed size of service items changed, from 50 to 5 per department.
  expect(before - after).toBeGreaterThan(0);
});
