import { gcra, type Bucket } from '../../../gateway/rate';

const official: Bucket = { policy: 'official', key: 'o', limit: 3, windowMs: 60_000 };
const department: Bucket = { policy: 'department', key: 'd', limit: 5, windowMs: 60_000 };

/** Runs requests at the given instants (ms), carrying the buckets' tats over. */
function setup(buckets: Bucket[]) {
  let tats: (number | undefined)[] = buckets.map(() => undefined);
  return (atMs: number) => {
    const { states, newTats } = gcra(buckets, tats, atMs * 1000);
    if (newTats) tats = newTats;
    return states.map((s) => (s.allowed ? `ok ${s.remaining} left` : `wait ${s.retryUs / 1e6} s`));
  };
}

describe('gcra', () => {
  it('allows a burst of the limit, then one request per window/limit', () => {
    const request = setup([official]);
    expect([0, 0, 0, 0].map((t) => request(t)[0])).toEqual([
      'ok 2 left',
      'ok 1 left',
      'ok 0 left',
      'wait 20 s',
    ]);
    expect(request(19_999)[0]).toBe('wait 0.001 s');
    expect(request(20_000)[0]).toBe('ok 0 left');
    expect(request(80_000)[0]).toBe('ok 2 left');
  });

  it('moves no bucket when one refuses, so a refused request costs nothing', () => {
    const request = setup([department, official]);
    [0, 0, 0].forEach((t) => request(t));
    expect(request(0)).toEqual(['ok 1 left', 'wait 20 s']);
    // The refused request took nothing from the department's bucket.
    expect(request(20_000)).toEqual(['ok 2 left', 'ok 0 left']);
  });
});
