import { createContextSigner, CONTEXT_HEADER } from '../../../contracts/subgraph-context';
import type { LivePolicyHolder } from '../../../gateway/live-policy';
import { loadPolicies } from '../../../policies';
import {
  followWatermark,
  openPolicyStore,
  policiesFromContent,
  policyContent,
  type PolicyStore,
  type Watermark,
} from '../../../policy-store';
import { run } from '../../../scripts/policy';
import { contextKeys } from '../../support/context';
import { testDatabaseUrl } from '../../support/database';
import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';
import { recordsSince as records, startReplica } from './support';

const SUSPENDED = 'market-regulation-inspector-enterprises';
const USCC = '91510107MA5B0A7H79';
const PROFILE = 'query($u: String!) { enterprise(uscc: $u) { name penalties { decisionNumber } } }';
const NAME_ONLY = 'query($u: String!) { enterprise(uscc: $u) { name } }';
const LEASE_MS = 1_500;
const POLL_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('live policy: revisions in PostgreSQL on two gateway replicas', () => {
  const url = testDatabaseUrl();
  const env = { policyDatabaseUrl: url };
  let store: PolicyStore;
  let watermark: Watermark;
  let a: LivePolicyHolder;
  let b: LivePolicyHolder;
  let gatewayA: Federation;
  let gatewayB: Federation;

  const replica = (name: string) =>
    startReplica({ store, url, replica: name, leaseMs: LEASE_MS, pollMs: POLL_MS });
  const profile = async (gateway: Federation) =>
    gateway.query<any>(PROFILE, { u: USCC }, await as('inspector', 'market-supervision'));
  const policyCli = async (...argv: string[]) => {
    const result = await run(argv, env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return result.stdout;
  };
  /** Records of both replicas that started at or after `since`. */
  const recordsSince = (since: string) =>
    records(url, [gatewayA.streamId, gatewayB.streamId], since);
  const carriesSuspended = (rows: any[]) =>
    rows.filter((r) => r.fields.some((f: any) => f.grant === SUSPENDED && f.effect !== 'deny'));

  beforeAll(async () => {
    store = await openPolicyStore({ url });
    await policyCli('import', '--author', 'test-operator');
    watermark = await followWatermark({ store, url, leaseMs: 5_000, pollMs: POLL_MS });
    a = await replica('gateway-a');
    b = await replica('gateway-b');
    gatewayA = await startFederation({ policies: a, minRevision: watermark.floor });
    gatewayB = await startFederation({ policies: b, departments: gatewayA.subgraphs });
  });

  afterAll(async () => {
    await gatewayB?.stop();
    await gatewayA?.stop();
    await Promise.all([a?.close(), b?.close(), watermark?.close()]);
    await store?.close();
  });

  it('stores revisions append-only and hash-chained, with canonical content', async () => {
    const first = (await store.get(1))!;
    expect(first).toMatchObject({ revision: 1, parent: null, cause: 'import', urgent: false });
    expect(first.contentSha256).toBe(policyContent(loadPolicies()).sha256);
    expect(policyContent(policiesFromContent(first.content, 1)).text).toBe(first.content);
    await expect(
      store.pool.query('UPDATE policy_store.policy_revision SET author = $1', ['mallory']),
    ).rejects.toThrow(/append-only/);
    await expect(store.pool.query('DELETE FROM policy_store.policy_ack')).rejects.toThrow(
      /append-only/,
    );
    await expect(store.pool.query('TRUNCATE policy_store.policy_ack')).rejects.toThrow(
      /append-only/,
    );
    await expect(store.pool.query('TRUNCATE policy_store.policy_revision')).rejects.toThrow();
    expect(await store.verify()).toEqual({ revisions: 1, firstBreak: null });
  });

  it('pins each request to one revision: its decision, its contexts and its record agree', async () => {
    for (const gateway of [gatewayA, gatewayB]) {
      const response = await profile(gateway);
      expect(response.errors).toBeUndefined();
      expect(response.data.enterprise.penalties.length).toBeGreaterThan(0);
    }
    const rows = await recordsSince(new Date(0).toISOString());
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(Number(row.policy_revision)).toBe(1);
      expect(row.fields).toContainEqual({
        coordinate: 'Enterprise.penalties',
        pi: 'NONE',
        effect: 'allow',
        grant: SUSPENDED,
      });
    }
  });

  it('suspends a grant on both replicas with a receipt; nothing after it carries the grant', async () => {
    const receipt = JSON.parse(await policyCli('suspend', SUSPENDED, '--json', '--wait', '5000'));
    expect(receipt).toMatchObject({ grant: SUSPENDED, revision: 2, lagging: [], rejected: [] });
    expect(receipt.live.map((l: { replica: string }) => l.replica).sort()).toEqual([
      'gateway-a',
      'gateway-b',
    ]);
    expect(receipt.inForceEverywhereAt).not.toBeNull();
    const acks = await store.acknowledgements(2);
    expect(acks.map((ack) => [ack.replica, ack.status]).sort()).toEqual([
      ['gateway-a', 'live'],
      ['gateway-b', 'live'],
    ]);
    const latencies = acks.map((ack) => Date.parse(ack.ackedAt) - Date.parse(receipt.committedAt));
    console.log(
      `policy propagation (NOTIFY, ${acks.length} replicas, poll ${POLL_MS} ms as fallback): ` +
        `commit to live ${latencies.join(' / ')} ms`,
    );
    expect(Math.max(...latencies)).toBeLessThan(5_000);
    expect((await store.get(2))!).toMatchObject({ cause: 'suspension', urgent: true, parent: 1 });

    for (const gateway of [gatewayA, gatewayB]) {
      const refused = await profile(gateway);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(refused)).not.toContain('decisionNumber":"');
      const name = await gateway.query<any>(
        NAME_ONLY,
        { u: USCC },
        await as('inspector', 'market-supervision'),
      );
      expect(name.errors).toBeUndefined();
    }
    const after = await recordsSince(receipt.inForceEverywhereAt);
    expect(after.length).toBeGreaterThanOrEqual(4);
    expect(carriesSuspended(after)).toEqual([]);
    expect(new Set(after.map((r) => Number(r.policy_revision)))).toEqual(new Set([2]));
  });

  it('departments refuse a context signed under a revision older than the watermark', async () => {
    await sleep(POLL_MS * 3);
    expect(watermark.floor()).toBe(2);
    const department = gatewayA.subgraphs.find((s) => s.name === 'market-regulation')!;
    const body = JSON.stringify({ query: '{ __typename }' });
    const sign = createContextSigner({ privateKey: contextKeys.privateKey });
    const call = async (revision: number) => {
      const claims = {
        consumer: {
          kind: 'gateway' as const,
          id: 'lagging-replica',
          department: null,
          role: null,
          jurisdiction: null,
          application: null,
          personId: null,
        },
        purpose: 'market-supervision',
        caseNumber: null,
        requestId: `watermark-${revision}`,
        rules: [],
        revision,
      };
      const response = await fetch(department.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CONTEXT_HEADER]: await sign('market-regulation', claims, body),
        },
        body,
      });
      return response.status;
    };
    expect(await call(1)).toBe(401);
    expect(await call(2)).toBe(200);
  });

  it('keeps a revision that fails lint out: the last good one stays, /readyz says degraded', async () => {
    const good = policiesFromContent((await store.get(2))!.content, 2);
    const broken = {
      ...good,
      grants: good.grants.map((g, i) =>
        i === 0
          ? { ...g, fields: { ...g.fields, Enterprise: { noSuchField: 'full' as const } } }
          : g,
      ),
    };
    const stored = await store.append({
      content: policyContent(broken).text,
      cause: 'sharing-request',
      author: 'test-bypassing-the-cli',
    });
    const deadline = Date.now() + 5_000;
    while ((await store.acknowledgements(stored.revision)).length < 2 && Date.now() < deadline) {
      await sleep(50);
    }
    const acks = await store.acknowledgements(stored.revision);
    expect(acks.map((ack) => ack.status)).toEqual(['rejected', 'rejected']);
    expect(acks[0]!.detail).toMatch(/fails lint/);
    expect(a.current().revision).toBe(2);
    expect(b.status()).toMatchObject({ revision: 2, failClosed: false, rejected: { revision: 3 } });
    const readyz = (await (await fetch(`${gatewayA.url}/readyz`)).json()) as any;
    expect(readyz.policy).toMatchObject({ source: 'db', revision: 2, degraded: true });
    // The CLI refuses to store such a revision at all.
    const cli = await run(['rollback', '--to', String(stored.revision)], env);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/fails lint/);
  });

  it('rolls back: a new revision with the old content, live on both replicas', async () => {
    await policyCli('rollback', '--to', '1', '--json');
    const rollback = (await store.latest())!;
    expect(rollback).toMatchObject({ revision: 4, cause: 'rollback', restores: 1, parent: 3 });
    expect(rollback.contentSha256).toBe((await store.get(1))!.contentSha256);
    expect(a.current().revision).toBe(4);
    expect(b.current().revision).toBe(4);
    const diff = await policyCli('diff', '--from', '2', '--to', '4');
    expect(diff).toMatch(new RegExp(`opened +${SUSPENDED} +field Enterprise.penalties +full`));
    expect(diff).not.toMatch(/^closed/m);
    for (const gateway of [gatewayA, gatewayB]) {
      const response = await profile(gateway);
      expect(response.errors).toBeUndefined();
    }
  });

  it('a replica cut off from the store fails closed after its lease, as its receipt says', async () => {
    await b.follower.stop();
    const receipt = JSON.parse(await policyCli('suspend', SUSPENDED, '--json', '--wait', '1000'));
    expect(receipt.live.map((l: { replica: string }) => l.replica)).toEqual(['gateway-a']);
    expect(receipt.lagging).toEqual([
      expect.objectContaining({ replica: 'gateway-b', failsClosedAt: expect.any(String) }),
    ]);
    expect(receipt.inForceEverywhereAt).toBeNull();
    const failsClosedAt = Date.parse(receipt.lagging[0].failsClosedAt);
    expect(failsClosedAt - Date.parse(receipt.committedAt)).toBeLessThanOrEqual(LEASE_MS);

    // Before its lease ends, the lagging replica's contexts are under the watermark: refused.
    await sleep(POLL_MS * 3);
    if (Date.now() < failsClosedAt) {
      const lagging = await profile(gatewayB);
      expect(lagging.data?.enterprise ?? null).toBeNull();
    }
    await sleep(Math.max(0, failsClosedAt - Date.now()) + 50);
    expect(b.current()).toMatchObject({ revision: 4, failClosed: true });
    const since = new Date().toISOString();
    const refused = await profile(gatewayB);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const name = await gatewayB.query<any>(
      NAME_ONLY,
      { u: USCC },
      await as('inspector', 'market-supervision'),
    );
    expect(name.errors).toBeUndefined();
    expect(name.data.enterprise.name).toEqual(expect.any(String));
    const readyz = await fetch(`${gatewayB.url}/readyz`);
    expect(readyz.status).toBe(503);
    expect(((await readyz.json()) as any).policy).toMatchObject({ failClosed: true });
    expect(carriesSuspended(await recordsSince(since))).toEqual([]);
    expect(
      carriesSuspended(await recordsSince(receipt.committedAt)).map((r) => r.stream_id),
    ).not.toContain(gatewayA.streamId);
  });
});
