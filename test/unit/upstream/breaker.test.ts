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

  it('counts exactly over a long run, after the expired front of its window is dropped', () => {
    const { breaker, advance } = setup();
    // 5,000 successes a millisecond apart: the window (1 s) holds the last 1,000 of them.
    for (let i = 0; i < 5_000; i++) {
      if (i > 0) advance(1);
      breaker.record(true);
    }
    for (let i = 0; i < 999; i++) breaker.record(false);
    expect(breaker.state()).toBe('closed'); // 999 of 1,999 failed: under one half
    breaker.record(false);
    expect(breaker.state()).toBe('open'); // 1,000 of 2,000
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
