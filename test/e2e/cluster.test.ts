import { startCluster, type Cluster } from '../../scripts/cluster/index';
import { demoClaims, mintToken } from '../../gateway/identity';
import { testDatabaseUrl } from '../support/database';
import { TEST_CITY } from '../support/city';

const DRAIN_MS = 1_000;

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({
    store: { url: testDatabaseUrl(), embedded: false, stop: async () => undefined },
    city: TEST_CITY,
    replicas: 2,
    pollMs: 100,
    gatewayEnv: {
      LOG_LEVEL: 'silent',
      // Longer than the proxy's poll: a stopping replica leaves the rotation before it stops accepting.
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      SHUTDOWN_DEADLINE_MS: '5000',
      RATE_LIMIT_OFFICIAL: '1000000',
      RATE_LIMIT_APPLICATION: '1000000',
      RATE_LIMIT_DEPARTMENT: '1000000',
    },
  });
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
}, 60_000);

it('answers every request of a bounded load during a rolling restart of the replicas', async () => {
  const token = await mintToken(demoClaims('inspector'));
  const before = cluster.replicas().map((r) => r.url);
  const statuses = new Map<string, number>();
  let sent = 0;
  let restarting = true;
  const query = async () => {
    const response = await fetch(`${cluster.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-purpose': 'market-supervision',
      },
      body: JSON.stringify({ query: '{ enterprises(limit: 2) { uscc name } }' }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as { data?: { enterprises: unknown[] }; errors?: unknown };
    const outcome =
      response.status === 200 && body.data?.enterprises.length === 2 && !body.errors
        ? 'ok'
        : `${response.status} ${JSON.stringify(body).slice(0, 200)}`;
    statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
  };
  // Four clients, each one request at a time, until the restart is over and 300 are done.
  const clients = Array.from({ length: 4 }, async () => {
    while ((restarting || sent < 300) && sent < 5_000) {
      sent += 1;
      await query().catch((error: Error) =>
        statuses.set(`thrown ${error.message}`, (statuses.get(`thrown ${error.message}`) ?? 0) + 1),
      );
    }
  });
  await cluster.rollingRestart();
  restarting = false;
  await Promise.all(clients);

  expect(Object.fromEntries(statuses)).toEqual({ ok: sent });
  expect(sent).toBeGreaterThanOrEqual(300);
  expect(cluster.proxy.stats.failed).toBe(0);
  // Every replica is a new process on a new port, under its old record stream.
  const after = cluster.replicas();
  expect(after.map((r) => r.id)).toEqual(['cluster-gateway-1', 'cluster-gateway-2']);
  expect(after.some((r) => before.includes(r.url))).toBe(false);
}, 180_000);
