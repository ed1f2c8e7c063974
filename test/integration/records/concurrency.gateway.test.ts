import pg from 'pg';
import { Agent, fetch } from 'undici';
import { verifyChains } from '../../../records';
import { testDatabaseUrl } from '../../support/database';
import { startFederation, type Federation } from '../../support/federation';
import { recordsOf } from '../../support/records';
import { as } from '../../support/security';

let federation: Federation;
let pool: pg.Pool;
// The client opens at most CONNECTIONS connections and queues the rest: the gateway sees
// CONNECTIONS operations in flight at all times, whatever the machine's load, and a reset
// connection fails the test (undici's fetch retries nothing).
const CONNECTIONS = 50;
const client = new Agent({ connections: CONNECTIONS, pipelining: 1 });
beforeAll(async () => {
  federation = await startFederation();
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
});
afterAll(() => Promise.all([federation.stop(), pool.end(), client.close()]));

const OPERATIONS = 1_000;

/** One operation on the bounded client. */
async function read(id: string, headers: Record<string, string>, requestId: string) {
  const response = await fetch(`${federation.url}/graphql`, {
    method: 'POST',
    dispatcher: client,
    headers: { 'content-type': 'application/json', ...headers, 'x-request-id': requestId },
    body: JSON.stringify({
      query: 'query Read($id: ID!) { person(id: $id) { name } }',
      variables: { id },
    }),
  });
  const body = (await response.json()) as {
    data?: { person: { name: string } | null };
    errors?: unknown[];
  };
  return { status: response.status, ...body };
}

describe(`access records under 1,000 operations through the gateway, ${CONNECTIONS} at a time`, () => {
  it('leaves exactly one record per operation, each with its own person, on a whole chain', async () => {
    const headers = await as('caseworker', 'social-assistance-eligibility');
    const list = await federation.query<{ persons: { id: string }[] }>(
      '{ persons(districtCode: "510107", limit: 100) { id } }',
      {},
      headers,
    );
    const persons = list.data!.persons.map((p) => p.id);
    expect(persons).toHaveLength(100);
    const before = (await recordsOf(federation.streamId)).length;

    const responses = await Promise.all(
      Array.from({ length: OPERATIONS }, (_, i) =>
        read(persons[i % persons.length]!, headers, `concurrent-${String(i).padStart(4, '0')}`),
      ),
    );
    expect(responses.filter((r) => r.status !== 200 || r.errors)).toEqual([]);
    expect(responses.every((r) => typeof r.data?.person?.name === 'string')).toBe(true);

    const records = (await recordsOf(federation.streamId)).slice(before);
    expect(records).toHaveLength(OPERATIONS);
    const byRequest = new Map(records.map((r) => [r.request_id as string, r]));
    expect(byRequest.size).toBe(OPERATIONS);
    for (let i = 0; i < OPERATIONS; i += 1) {
      const record = byRequest.get(`concurrent-${String(i).padStart(4, '0')}`);
      expect(record?.subjects).toEqual([persons[i % persons.length]]);
    }
    // Sequence numbers without a gap, and every link and hash checks out.
    const seqs = records.map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: OPERATIONS }, (_, i) => seqs[0]! + i));
    const report = await verifyChains(pool, { streamId: federation.streamId });
    expect(report.ok).toBe(true);
    expect(report.streams[0]!.records).toBe(before + OPERATIONS);
    // Group commit: far fewer transactions than records (each transaction shares one commit).
    const { rows } = await pool.query<{ transactions: string }>(
      `SELECT count(DISTINCT xmin::text) AS transactions FROM access_records.access_record
        WHERE stream_id = $1 AND request_id LIKE 'concurrent-%'`,
      [federation.streamId],
    );
    expect(Number(rows[0]!.transactions)).toBeLessThan(OPERATIONS / 2);
  });
});
