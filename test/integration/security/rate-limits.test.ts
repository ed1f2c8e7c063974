import { randomUUID } from 'node:crypto';
import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';

// Rate limits per official, application and department: GCRA buckets shared by every replica
// in Redis, checked once the caller is known and before the body is read; a replica that
// cannot reach Redis keeps limiting in its own memory, never unlimited.
const REDIS = 'redis://127.0.0.1:6379';
const QUERY = '{ persons(limit: 1) { name } }';
const LIMITS = { official: 3, application: 100, department: 100, windowMs: 60_000 };

let caseworker: Record<string, string>;
beforeAll(async () => {
  caseworker = await as('caseworker', 'social-assistance-eligibility');
});

async function send(federation: Federation) {
  const response = await fetch(`${federation.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...caseworker },
    body: JSON.stringify({ query: QUERY }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return {
    status: response.status,
    code: body.errors?.[0]?.extensions?.code ?? null,
    retryAfter: response.headers.get('retry-after'),
    policy: response.headers.get('ratelimit-policy'),
    rate: response.headers.get('ratelimit'),
  };
}

describe('rate limits', () => {
  it('answers 429 RATE_LIMITED with Retry-After and the RateLimit headers after N requests', async () => {
    const federation = await startFederation({
      rateLimits: LIMITS,
      redis: { url: REDIS, prefix: `test-${randomUUID()}` },
    });
    try {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await send(federation));
      const policy = '"official";q=3;w=60, "department";q=100;w=60';
      // The seconds (t, Retry-After) shrink with the time the requests take: compared apart.
      expect(
        answers.map(({ rate, retryAfter: _retryAfter, ...rest }) => ({
          ...rest,
          rate: rate?.split(';t=')[0],
        })),
      ).toEqual([
        { status: 200, code: null, policy, rate: '"official";r=2' },
        { status: 200, code: null, policy, rate: '"official";r=1' },
        { status: 200, code: null, policy, rate: '"official";r=0' },
        { status: 429, code: 'RATE_LIMITED', policy, rate: '"official";r=0' },
      ]);
      const seconds = answers.map((a) => Number(a.rate?.split(';t=')[1]));
      expect(seconds[0]).toBe(20);
      expect(seconds[2]).toBeGreaterThan(40);
      expect(seconds[2]).toBeLessThanOrEqual(60);
      expect(Number(answers[3]!.retryAfter)).toBeGreaterThan(0);
      expect(Number(answers[3]!.retryAfter)).toBeLessThanOrEqual(20);
    } finally {
      await federation.stop();
    }
  });

  it('is shared between two gateway replicas on the same Redis', async () => {
    const prefix = `test-${randomUUID()}`;
    const [one, two] = await Promise.all([
      startFederation({ rateLimits: LIMITS, redis: { url: REDIS, prefix } }),
      startFederation({ rateLimits: LIMITS, redis: { url: REDIS, prefix } }),
    ]);
    try {
      const statuses = [];
      for (const federation of [one, two, one, two]) statuses.push((await send(federation)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
  });

  it('keeps limiting in the replica memory when Redis does not answer', async () => {
    // Nothing listens on port 1: every Redis command fails at once.
    const federation = await startFederation({
      rateLimits: LIMITS,
      redis: { url: 'redis://127.0.0.1:1', prefix: `test-${randomUUID()}` },
    });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await send(federation)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await federation.stop();
    }
  });
});
