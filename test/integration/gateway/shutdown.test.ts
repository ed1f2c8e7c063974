import { startFederation, type Federation } from '../../support/federation';
import { recordsOf } from '../../support/records';
import { as } from '../../support/security';
import { startSlowProxy, type SlowProxy } from '../../support/slow-proxy';

// SIGTERM's path (gateway/http/shutdown.ts): not ready at once, still serving while the load
// balancer notices, then no new connection; the request in flight finishes and its record is
// committed before the pools close.
const PROFILE = `query($u: String!) { enterprise(uscc: $u) { name taxCreditRating { level } } }`;
const NAME = `query($u: String!) { enterprise(uscc: $u) { name } }`;
const USCC = '91510107MA5B0A7H79';

let tax: SlowProxy;
let federation: Federation;
beforeEach(async () => {
  tax = await startSlowProxy();
  federation = await startFederation({
    route: (name, url) => (name === 'tax' ? tax.route(url) : url),
    upstream: { timeouts: { tax: 10_000 } },
  });
});
afterEach(async () => {
  await tax.stop();
});

describe('graceful shutdown', () => {
  it('drains: not ready at once, serves during the drain, finishes in flight, records it, then refuses', async () => {
    const inspector = await as('inspector', 'market-supervision');
    tax.mode = { delayMs: 1_500 };
    const inFlight = federation.query<any>(
      PROFILE,
      { u: USCC },
      {
        ...inspector,
        'x-request-id': 'in-flight-at-sigterm',
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const shutdown = federation.shutdown({ drainMs: 500, deadlineMs: 5_000 });

    const readyz = await fetch(`${federation.url}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toEqual({ ready: false, draining: true });
    const duringDrain = await federation.query<any>(NAME, { u: USCC }, inspector);
    expect(duringDrain).toMatchObject({
      status: 200,
      data: { enterprise: { name: expect.any(String) } },
    });

    expect(await shutdown).toEqual({ cutAtDeadline: 0 });
    const finished = await inFlight;
    expect(finished.errors).toBeUndefined();
    expect(finished.data.enterprise.taxCreditRating.level).toEqual(expect.any(String));
    const records = await recordsOf(federation.streamId);
    expect(records.map((r) => r.request_id)).toContain('in-flight-at-sigterm');
    await expect(fetch(`${federation.url}/healthz`)).rejects.toThrow();
  });

  it('cuts what is still running at the deadline', async () => {
    const inspector = await as('inspector', 'market-supervision');
    tax.mode = { delayMs: 4_000 };
    const inFlight = federation.query(PROFILE, { u: USCC }, inspector);
    inFlight.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await federation.shutdown({ drainMs: 0, deadlineMs: 300 })).toEqual({
      cutAtDeadline: 1,
    });
    await expect(inFlight).rejects.toThrow();
  });
});
