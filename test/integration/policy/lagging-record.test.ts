import { loadPolicies } from '../../../policies';
import type { LivePolicyHolder } from '../../../gateway/live-policy';
import {
  followWatermark,
  openPolicyStore,
  policyContent,
  type PolicyStore,
  type Watermark,
} from '../../../policy-store';
import { testDatabaseUrl } from '../../support/database';
import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';
import { recordsSince, startReplica } from './support';

const SUSPENDED = 'market-regulation-inspector-enterprises';
const TAX_GRANT = 'tax-inspector-credit-and-arrears';
const USCC = '91510107MA5B0A7H79';
const PROFILE =
  'query($u: String!) { enterprise(uscc: $u) { name taxCreditRating { level } penalties { decisionNumber } } }';
const RATING = 'query($u: String!) { enterprise(uscc: $u) { name taxCreditRating { level } } }';
const POLL_MS = 100;
// Long enough that the lagging replica is still inside its lease when it is asked.
const LEASE_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a lagging replica's access record says what the client got", () => {
  const url = testDatabaseUrl();
  let store: PolicyStore;
  let watermark: Watermark;
  let fresh: LivePolicyHolder;
  let lagging: LivePolicyHolder;
  let gatewayFresh: Federation;
  let gatewayLagging: Federation;

  const replica = (name: string) =>
    startReplica({ store, url, replica: name, leaseMs: LEASE_MS, pollMs: POLL_MS });
  const inspector = () => as('inspector', 'market-supervision');
  const recordOf = async (gateway: Federation, since: string) => {
    const rows = await recordsSince(url, [gateway.streamId], since);
    expect(rows).toHaveLength(1);
    return rows[0];
  };

  beforeAll(async () => {
    store = await openPolicyStore({ url, schema: 'policy_lagging_record' });
    const policies = loadPolicies();
    await store.append({ content: policyContent(policies).text, cause: 'import', author: 'test' });
    watermark = await followWatermark({ store, url, leaseMs: LEASE_MS, pollMs: POLL_MS });
    fresh = await replica('fresh');
    lagging = await replica('lagging');
    gatewayFresh = await startFederation({ policies: fresh, minRevision: watermark.floor });
    gatewayLagging = await startFederation({
      policies: lagging,
      departments: gatewayFresh.subgraphs,
    });
    // Cut off: it keeps serving revision 1 inside its lease.
    await lagging.follower.stop();
    await store.append({
      content: policyContent({
        ...policies,
        grants: policies.grants.filter((g) => g.id !== SUSPENDED),
      }).text,
      cause: 'suspension',
      author: 'test',
      urgent: true,
    });
    const deadline = Date.now() + 5_000;
    while ((watermark.floor() < 2 || fresh.current().revision < 2) && Date.now() < deadline) {
      await sleep(POLL_MS);
    }
  });

  afterAll(async () => {
    await gatewayLagging?.stop();
    await gatewayFresh?.stop();
    await Promise.all([fresh?.close(), lagging?.close(), watermark?.close()]);
    await store?.close();
  });

  it('records fields the department refused as not disclosed, attributed to no grant', async () => {
    expect(watermark.floor()).toBe(2);
    expect(lagging.current()).toMatchObject({ revision: 1, failClosed: false });
    const since = new Date().toISOString();
    const response = await gatewayLagging.query<any>(PROFILE, { u: USCC }, await inspector());
    expect(response.data?.enterprise ?? null).toBeNull();
    expect(JSON.stringify(response)).not.toContain('decisionNumber":"');

    const record = await recordOf(gatewayLagging, since);
    // Pinned to the revision it was admitted under, which decided every field open...
    expect(Number(record.policy_revision)).toBe(1);
    // ...but the department refused the context, so nothing was disclosed through any grant.
    const coordinates = record.fields.map((f: any) => f.coordinate).sort();
    expect(coordinates).toEqual(
      expect.arrayContaining(['Enterprise.penalties', 'Enterprise.taxCreditRating']),
    );
    for (const field of record.fields) {
      expect(field).toMatchObject({ effect: 'deny', grant: null });
    }
  });

  it('still names the grant of every field an up-to-date replica disclosed', async () => {
    expect(fresh.current().revision).toBe(2);
    const since = new Date().toISOString();
    const response = await gatewayFresh.query<any>(RATING, { u: USCC }, await inspector());
    expect(response.errors).toBeUndefined();
    expect(response.data.enterprise.taxCreditRating.level).toEqual(expect.any(String));

    const record = await recordOf(gatewayFresh, since);
    expect(Number(record.policy_revision)).toBe(2);
    expect(record.outcome).toBe('served');
    expect(record.fields).toContainEqual(
      expect.objectContaining({
        coordinate: 'Enterprise.taxCreditRating',
        effect: 'allow',
        grant: TAX_GRANT,
      }),
    );
  });
});
