import { randomUUID } from 'node:crypto';
import { redisReplayGuard, type ReplayGuard } from '../../../contracts/subgraph-context';
import { loadDepartment } from '../../../subgraphs';
import { Database, schemaName, startSubgraph, type RunningSubgraph } from '../../../subgraphs/kit';
import { contextKeys, signedHeaders } from '../../support/context';
import { testDatabaseUrl } from '../../support/database';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const department = loadDepartment('tax');
const prefix = `test-${randomUUID()}`;
let db: Database;
let guards: ReplayGuard[];
let replicas: RunningSubgraph[];

beforeAll(async () => {
  db = new Database({ url: testDatabaseUrl(), schema: schemaName(department), maxConnections: 2 });
  guards = await Promise.all(
    [1, 2].map(() => redisReplayGuard({ url: REDIS_URL, subgraph: 'tax', prefix })),
  );
  replicas = await Promise.all(
    guards.map((replay) =>
      startSubgraph(department, db, { port: 0, contextKey: contextKeys.publicKey, replay }),
    ),
  );
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await Promise.all(guards.map((g) => g.close()));
  await db.close();
});

const BODY = JSON.stringify({
  query: '{ enterprisesByTaxCredit(level: A, limit: 1) { uscc } }',
});

async function post(url: string, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: BODY,
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('replicas of one department share what they accepted (Redis)', () => {
  it('refuses on one replica a context another replica has accepted', async () => {
    const headers = await signedHeaders('tax', BODY);
    const first = await post(replicas[0]!.url, headers);
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    const replayed = await post(replicas[1]!.url, headers);
    expect(replayed.status).toBe(401);
    expect(replayed.body.errors[0].message).toBe('The gateway context was already used (replay).');
    expect(replayed.body.data).toBeUndefined();
    // A fresh context is accepted by the second replica.
    const fresh = await post(replicas[1]!.url, await signedHeaders('tax', BODY));
    expect(fresh.status).toBe(200);
  });

  it('fails closed (503, no data) when the replay store stops answering', async () => {
    const replay = await redisReplayGuard({ url: REDIS_URL, subgraph: 'tax', prefix });
    const lonely = await startSubgraph(department, db, {
      port: 0,
      contextKey: contextKeys.publicKey,
      replay,
    });
    try {
      await replay.close();
      const response = await post(lonely.url, await signedHeaders('tax', BODY));
      expect(response.status).toBe(503);
      expect(response.body.errors[0].message).toMatch(/^The replay check is unavailable/);
      expect(response.body.data).toBeUndefined();
    } finally {
      await lonely.stop();
    }
  });

  it('refuses to start when the replay store cannot be reached', async () => {
    await expect(
      redisReplayGuard({ url: 'redis://127.0.0.1:1', subgraph: 'tax', prefix }),
    ).rejects.toThrow(/The replay store at 127.0.0.1:1 cannot be reached/);
  });
});
