import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';
import { startSlowProxy, type SlowProxy } from '../../support/slow-proxy';

// The tax department answers through a proxy that can slow it down or swallow its calls:
// the gateway answers what the other departments returned, names what is missing, opens the
// tax breaker after repeated failures and closes it once a probe succeeds.
let federation: Federation;
let tax: SlowProxy;
let inspector: Record<string, string>;
beforeAll(async () => {
  tax = await startSlowProxy();
  federation = await startFederation({
    route: (name, url) => (name === 'tax' ? tax.route(url) : url),
    upstream: {
      timeouts: { tax: 1_500 },
      breaker: { minCalls: 3, failureRatio: 0.5, windowMs: 10_000, openMs: 500 },
    },
  });
  inspector = await as('inspector', 'market-supervision');
});
afterAll(async () => {
  await federation.stop();
  await tax.stop();
});

const PROFILE = `query($u: String!) { enterprise(uscc: $u) { name taxCreditRating { level } } }`;
const profile = () => federation.query(PROFILE, { u: '91510107MA5B0A7H79' }, inspector);
const codes = (response: Awaited<ReturnType<typeof profile>>) =>
  (response.errors ?? []).map((e) => e.extensions?.code);

describe('a slow department', () => {
  it('is waited for within its timeout', async () => {
    tax.mode = { delayMs: 50 };
    const response = await profile();
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({
      enterprise: { taxCreditRating: { level: expect.any(String) } },
    });
  });

  it('past its timeout, leaves its fields null beside the others’ data, then opens its breaker', async () => {
    tax.mode = 'hang';
    const first = await profile();
    expect(first.status).toBe(200);
    expect(first.data).toEqual({ enterprise: { name: expect.any(String), taxCreditRating: null } });
    expect(codes(first)).toEqual(['SUBGRAPH_TIMEOUT']);
    await profile();
    await profile();
    const callsBefore = tax.calls;
    const open = await profile();
    expect(codes(open)).toEqual(['SUBGRAPH_CIRCUIT_OPEN']);
    expect(open.data).toEqual({ enterprise: { name: expect.any(String), taxCreditRating: null } });
    expect(tax.calls).toBe(callsBefore);
  });

  it('closes its breaker once a probe succeeds', async () => {
    tax.mode = { delayMs: 0 };
    await new Promise((resolve) => setTimeout(resolve, 600));
    const probe = await profile();
    expect(probe.errors).toBeUndefined();
    const after = await profile();
    expect(after.errors).toBeUndefined();
  });

  it('keeps serving the other departments while it hangs', async () => {
    tax.mode = 'hang';
    const response = await federation.query(
      'query($u: String!) { enterprise(uscc: $u) { name status } }',
      { u: '91510107MA5B0A7H79' },
      inspector,
    );
    expect(response.errors).toBeUndefined();
    tax.mode = { delayMs: 0 };
  });
});
