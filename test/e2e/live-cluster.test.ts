import pg from 'pg';
import { startCluster, type Cluster } from '../../scripts/cluster/index';
import { run } from '../../scripts/policy';
import { demoClaims, mintToken } from '../../gateway/identity';
import {
  followWatermark,
  openPolicyStore,
  type PolicyStore,
  type Watermark,
} from '../../policy-store';
import { dropDatabase, recreateDatabase, testDatabaseUrl } from '../support/database';
import { TEST_CITY } from '../support/city';
import {
  committedSupergraph,
  SATISFACTION_QUERY,
  startSupergraphRegistry,
  withoutSatisfaction,
  type SupergraphRegistry,
} from '../support/supergraph-registry';
import { startStallRelay } from '../integration/records/stall-relay';

const SUSPENDED = 'market-regulation-inspector-enterprises';
const USCC = '91510107MA5B0A7H79';
const PROFILE = `{ enterprise(uscc: "${USCC}") { name penalties { decisionNumber } } }`;
const RATING = `{ enterprise(uscc: "${USCC}") { name taxCreditRating { level } } }`;
const NAME_ONLY = `{ enterprise(uscc: "${USCC}") { name } }`;
const SUMMARY = '{ departments { code } }';
const LEASE_MS = 5_000;
const POLICY_POLL_MS = 500;
const REVISIONS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  startedAt: number;
  status: number;
  body: { data?: any; errors?: { extensions?: { code?: string } }[] };
}

/** `clients` loops of one request at a time against `url` until stop() resolves them. */
function load(url: string, headers: Record<string, string>, query: string, clients = 4) {
  const answers: Answer[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      const startedAt = Date.now();
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
        signal: AbortSignal.timeout(15_000),
      }).catch((error: Error) => ({ status: 0, json: async () => ({ errors: [error.message] }) }));
      answers.push({ startedAt, status: response.status, body: (await response.json()) as any });
    }
  });
  return {
    answers,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

describe('live policy and supergraph generations on a cluster of two replicas', () => {
  const server = new URL(testDatabaseUrl());
  server.pathname = '/postgres';
  const database = `govgraph_live_cluster_${process.pid}`;
  let url: string;
  let registry: SupergraphRegistry;
  let store: PolicyStore;
  let watermark: Watermark;
  let cluster: Cluster;
  let inspector: Record<string, string>;
  let caseworker: Record<string, string>;

  const readiness = async (replicaUrl: string) => {
    const response = await fetch(`${replicaUrl}/readyz`);
    return { status: response.status, body: (await response.json()) as any };
  };
  const policyCli = async (...argv: string[]) => {
    const result = await run(argv, { policyDatabaseUrl: url });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return result.stdout;
  };
  const recordsSince = async (since: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT stream_id, fields FROM access_records.access_record
          WHERE stream_id LIKE 'cluster-gateway-%' AND occurred_at >= $1`,
        [since],
      );
      return rows;
    } finally {
      await client.end();
    }
  };
  const headersOf = async (role: 'inspector' | 'caseworker', purpose: string) => ({
    authorization: `Bearer ${await mintToken(demoClaims(role))}`,
    'x-purpose': purpose,
  });

  beforeAll(async () => {
    // A database of its own: its policy store and records are this test's alone.
    url = await recreateDatabase(server.toString(), database);
    registry = await startSupergraphRegistry(withoutSatisfaction);
    await policyCli('import', '--author', 'test-operator');
    store = await openPolicyStore({ url });
    watermark = await followWatermark({ store, url, leaseMs: LEASE_MS, pollMs: POLICY_POLL_MS });
    cluster = await startCluster({
      store: { url, embedded: false, stop: async () => undefined },
      city: TEST_CITY,
      replicas: 2,
      // On a loaded shared machine a reload (composition, planning) holds a replica's event loop
      // for a second or more: its /readyz (which probes every department) answers late, and the
      // proxy, which gives it five polls, must not take a busy replica for a stopping one.
      pollMs: 1_000,
      minRevision: watermark.floor,
      gatewayEnv: {
        LOG_LEVEL: 'silent',
        POLICY_SOURCE: 'db',
        POLICY_LEASE_MS: String(LEASE_MS),
        POLICY_POLL_MS: String(POLICY_POLL_MS),
        SUPERGRAPH_URL: registry.url,
        SUPERGRAPH_POLL_MS: '200',
        READINESS_TIMEOUT_MS: '4000',
        SHUTDOWN_DRAIN_MS: '300',
        SHUTDOWN_DEADLINE_MS: '3000',
        RATE_LIMIT_OFFICIAL: '1000000',
        RATE_LIMIT_APPLICATION: '1000000',
        RATE_LIMIT_DEPARTMENT: '1000000',
      },
    });
    inspector = await headersOf('inspector', 'market-supervision');
    caseworker = await headersOf('caseworker', 'social-assistance-eligibility');
  }, 240_000);

  afterAll(async () => {
    await cluster?.stop();
    await watermark?.close();
    await store?.close();
    await registry?.close();
    await dropDatabase(server.toString(), database).catch(() => undefined);
  }, 60_000);

  it('reloads a new supergraph from the URL on every replica under load, no request failing', async () => {
    const before = await fetch(`${cluster.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...caseworker },
      body: JSON.stringify({ query: SATISFACTION_QUERY }),
    });
    expect(((await before.json()) as any).errors[0].extensions.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    const traffic = load(cluster.url, caseworker, SUMMARY);
    await sleep(500);
    registry.state.sdl = committedSupergraph;
    const deadline = Date.now() + 20_000;
    for (const replica of cluster.replicas()) {
      while ((await readiness(replica.url)).body.supergraph.generation < 2) {
        if (Date.now() > deadline) throw new Error(`${replica.id} never reloaded`);
        await sleep(100);
      }
    }
    const swappedAt = traffic.answers.length;
    while (traffic.answers.length < swappedAt + 10 && Date.now() < deadline) await sleep(100);
    const answers = await traffic.stop();
    expect(answers.length).toBeGreaterThanOrEqual(swappedAt + 10);
    expect(answers.filter((a) => a.status !== 200 || a.body.errors)).toEqual([]);
    for (const replica of cluster.replicas()) {
      const { body } = await readiness(replica.url);
      expect(body.supergraph).toMatchObject({ generation: 2, rejected: null });
      // The replica had run the summary, so it planned it before the swap.
      expect(body.supergraph.warmed).toBeGreaterThanOrEqual(1);
      const response = await fetch(`${replica.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...caseworker },
        body: JSON.stringify({ query: SATISFACTION_QUERY }),
      });
      expect(((await response.json()) as any).errors).toBeUndefined();
    }
    // Every poll after the reload asked with the ETag and was told nothing changed.
    expect(registry.state.notModified).toBeGreaterThan(0);
  }, 60_000);

  it("suspends a grant under load: no response started after the receipt's time carries its fields", async () => {
    const traffic = load(cluster.url, inspector, PROFILE);
    await sleep(1_000);
    const receipt = JSON.parse(await policyCli('suspend', SUSPENDED, '--json', '--wait', '5000'));
    expect(receipt).toMatchObject({ lagging: [], rejected: [] });
    expect(receipt.live).toHaveLength(2);
    const inForce = Date.parse(receipt.inForceEverywhereAt);
    await sleep(1_500);
    const answers = await traffic.stop();

    const carries = (a: Answer) => JSON.stringify(a.body).includes('"decisionNumber":"');
    // The grant was serving before (so the check below could fail)...
    expect(answers.filter((a) => a.startedAt < Date.parse(receipt.committedAt)).some(carries)).toBe(
      true,
    );
    // ...and no response to a request started after the receipt's time carries it.
    const after = answers.filter((a) => a.startedAt > inForce);
    expect(after.length).toBeGreaterThan(5);
    expect(after.filter(carries)).toEqual([]);
    expect(
      after.filter((a) => a.body.errors?.[0]?.extensions?.code !== 'FORBIDDEN').map((a) => a.body),
    ).toEqual([]);
    // The access records agree: none since then attributes a field to the suspended grant.
    const records = await recordsSince(receipt.inForceEverywhereAt);
    expect(records.length).toBeGreaterThanOrEqual(after.length);
    const attributed = records.filter((r) =>
      r.fields.some((f: any) => f.grant === SUSPENDED && f.effect !== 'deny'),
    );
    expect(attributed).toEqual([]);
  }, 60_000);

  it(`measures commit-to-live over ${REVISIONS} revisions, with NOTIFY and with polling only`, async () => {
    const polling = await cluster.startReplica('cluster-polling-only', {
      POLICY_NOTIFY: 'off',
      POLICY_POLL_MS: '1000',
    });
    try {
      const replicas = [...cluster.replicas().map((r) => r.id), polling.id];
      const latencies: Record<string, number[]> = Object.fromEntries(replicas.map((r) => [r, []]));
      const content = (await store.latest())!.content;
      for (let i = 0; i < REVISIONS; i += 1) {
        const stored = await store.append({
          content,
          cause: 'import',
          author: 'latency-probe',
          note: `probe ${i + 1} of ${REVISIONS}`,
        });
        const deadline = Date.now() + 10_000;
        let acks = await store.acknowledgements(stored.revision);
        while (acks.length < replicas.length && Date.now() < deadline) {
          await sleep(20);
          acks = await store.acknowledgements(stored.revision);
        }
        expect(acks.map((a) => [a.replica, a.status]).sort()).toEqual(
          replicas.map((r) => [r, 'live']).sort(),
        );
        for (const ack of acks) {
          latencies[ack.replica]!.push(Date.parse(ack.ackedAt) - Date.parse(stored.createdAt));
        }
      }
      const notify = cluster.replicas().flatMap((r) => latencies[r.id]!);
      const pollOnly = latencies[polling.id]!;
      const line = (name: string, values: number[]) =>
        `${name}: p50 ${percentile(values, 50)} ms, p99 ${percentile(values, 99)} ms, ` +
        `max ${Math.max(...values)} ms (${values.length} acks)`;
      console.log(
        `commit to live over ${REVISIONS} revisions, measured on a loaded shared 2-core machine ` +
          `(the cluster, PostgreSQL and other test runs on the same cores):\n` +
          `  ${line('NOTIFY (2 replicas, polling every 500 ms as fallback)', notify)}\n` +
          `  ${line('polling only (1 replica, POLICY_NOTIFY=off, every 1000 ms)', pollOnly)}`,
      );
      expect(notify).toHaveLength(2 * REVISIONS);
      expect(pollOnly).toHaveLength(REVISIONS);
      // NOTIFY wakes a replica at once; polling waits for its next tick.
      expect(percentile(notify, 50)).toBeLessThan(percentile(pollOnly, 50));
    } finally {
      await polling.stop();
    }
  }, 90_000);

  it('fails closed on a replica cut off from NOTIFY and the policy database, after its lease', async () => {
    const relay = await startStallRelay(new URL(url));
    const leaseMs = 2_000;
    const cut = await cluster.startReplica('cluster-cut-off', {
      POLICY_DATABASE_URL: relay.url,
      POLICY_LEASE_MS: String(leaseMs),
      POLICY_POLL_MS: '200',
    });
    const ask = async (query: string) => {
      const response = await fetch(`${cut.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...inspector },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as Answer['body'];
    };
    try {
      const ready = Date.now() + 20_000;
      while ((await readiness(cut.url)).status !== 200 && Date.now() < ready) await sleep(100);
      expect((await readiness(cut.url)).status).toBe(200);
      expect((await ask(RATING)).data.enterprise.taxCreditRating.level).toEqual(expect.any(String));

      relay.mode = 'freeze';
      const cutAt = Date.now();
      await sleep(leaseMs + 500);
      const { status, body } = await readiness(cut.url);
      expect(status).toBe(503);
      expect(body.policy).toMatchObject({ failClosed: true });
      const refused = await ask(RATING);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(refused)).not.toContain('"level":"');
      // UNCONDITIONAL fields are still served.
      expect((await ask(NAME_ONLY)).data.enterprise.name).toEqual(expect.any(String));
      expect(Date.now() - cutAt).toBeLessThan(30_000);
    } finally {
      relay.mode = 'forward';
      relay.release();
      await cut.stop();
      await relay.close();
    }
  }, 60_000);
});
