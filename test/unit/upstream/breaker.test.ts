import { createBreaker } from '../../../gateway/upstream/breaker';
import { createBulkhead } from '../../../gateway/upstream/bulkhead';

function setup() {
  let now = 0;
  const breaker = createBreaker(
    { minCalls: 4, failureRatio: 0.5, windowMs: 1_000, openMs: 100 },
    () => now,
  );
  return { breaker, advance: (ms: number) => (now += ms) };
}

describe('circuit breaker', () => {
  it('stays closed under the volume, whatever the failures', () => {
    const { breaker } = setup();
    for (let i = 0; i < 3; i++) breaker.record(false);
    expect(breaker.state()).toBe('closed');
  });

  it('opens at the failure rate over the volume, and refuses while open', () => {
    const { breaker } = setup();
    [true, false, true, false].forEach((ok) => breaker.record(ok));
    expect(breaker.state()).toBe('open');
    expect(breaker.allow()).toBe(false);
  });

  it('forgets outcomes older than its window', () => {
    const { breaker, advance } = setup();
    [false, false, false].forEach((ok) => breaker.record(ok));
    advance(1_001);
    breaker.record(false);
    expect(breaker.state()).toBe('closed');
  });

  it('lets one probe through half-open: success closes, failure reopens', () => {
    const { breaker, advance } = setup();
    [false, false, false, false].forEach((ok) => breaker.record(ok));
    advance(100);
    expect(breaker.state()).toBe('half-open');
    expect(breaker.allow()).toBe(true);
    expect(breaker.allow()).toBe(false);
    breaker.record(false);
    expect(breaker.state()).toBe('open');
    advance(100);
    expect(breaker.allow()).toBe(true);
    breaker.record(true);
    expect(breaker.state()).toBe('closed');
  });
});

describe('bulkhead', () => {
  it('runs at most its limit, queues the next, refuses beyond the queue', async () => {
    const bulkhead = createBulkhead(1, 1);
    expect(await bulkhead.acquire()).toBe(true);
    const queued = bulkhead.acquire();
    expect(await bulkhead.acquire()).toBe(false);
    bulkhead.release();
    expect(await queued).toBe(true);
  });
});
