import { startFederation, type Federation } from '../../support/federation';
import { recordsOf } from '../../support/records';
import { as } from '../../support/security';
import { startRelay, type Relay } from './support';

let relay: Relay;
let federation: Federation;
beforeAll(async () => {
  relay = await startRelay();
  federation = await startFederation({ recordsUrl: relay.url });
});
afterAll(async () => {
  await federation.stop();
  await relay.close();
});

const PERSONAL = '{ person(id: "PCYGN28R6") { name } }';
const PUBLIC = '{ enterprises(limit: 1) { name } }';

describe('no record, no personal data', () => {
  it('withholds personal data while the record store is down, and serves again when it is back', async () => {
    const caseworker = await as('caseworker', 'social-assistance-eligibility');
    expect((await federation.query(PERSONAL, {}, caseworker)).errors).toBeUndefined();

    await relay.cut();
    const withheld = await federation.query<{ person: unknown }>(PERSONAL, {}, caseworker);
    expect(withheld.status).toBe(503);
    expect(withheld.data).toBeNull();
    expect(withheld.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'RECORD_STORE_UNAVAILABLE' } }),
    ]);
    expect(JSON.stringify(withheld)).not.toMatch(/"name"/);
    // Without personal data, the documented default rule serves the answer.
    const publicAnswer = await federation.query<{ enterprises: unknown[] }>(PUBLIC, {}, caseworker);
    expect(publicAnswer.data!.enterprises).toHaveLength(1);
    const readiness = await fetch(`${federation.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(((await readiness.json()) as { records: string }).records).toBe('down');

    await relay.restore();
    const again = await federation.query<{ person: { name: string } }>(PERSONAL, {}, caseworker);
    expect(again.errors).toBeUndefined();
    expect(again.data!.person.name.length).toBeGreaterThan(0);

    // The chain has no gap: every committed record links to the one before.
    const records = await recordsOf(federation.streamId);
    for (let i = 1; i < records.length; i++) {
      expect(records[i]!.prev_hash).toBe(records[i - 1]!.hash);
      expect(Number(records[i]!.seq)).toBe(Number(records[i - 1]!.seq) + 1);
    }
    expect(records.map((r) => r.outcome)).toEqual(['served', 'served']);
  });
});
