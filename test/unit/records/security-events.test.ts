import type { AccessRecord, RecordWriter } from '../../../records';
import { createSecurityEventLog } from '../../../records';

function setup(perWindow = 3) {
  const appended: AccessRecord[] = [];
  const writer = {
    append: async (record: AccessRecord) => {
      appended.push(record);
      return { id: 'x', seq: appended.length, hash: 'h' };
    },
  } as unknown as RecordWriter;
  const log = createSecurityEventLog({ writer, windowMs: 60_000, perWindow });
  return { log, appended };
}

const forgedFrom = (clientAddress: string, at = 1_000) => ({
  at,
  requestId: `req-${clientAddress}-${at}`,
  clientAddress,
  reason: 'token-signature',
});

describe('security events', () => {
  it('counts identical events from one address into one record of an unidentified consumer', async () => {
    const { log, appended } = setup();
    for (let i = 0; i < 500; i++) log.report(forgedFrom('10.0.0.1', 1_000 + i));
    log.report({ ...forgedFrom('10.0.0.1'), reason: 'token-missing' });
    await log.flush();
    expect(appended).toHaveLength(2);
    expect(appended[0]).toMatchObject({
      consumer: { kind: 'unidentified', id: 'unidentified' },
      outcome: 'refused',
      reason: 'token-signature',
      clientAddress: '10.0.0.1',
      count: 500,
      requestId: 'req-10.0.0.1-1000',
      durationMs: 499,
      operation: { name: null, hash: '' },
      fields: [],
      subjects: [],
    });
  });

  it('bounds a flood from many addresses: past the limit, one record per reason without an address', async () => {
    const { log, appended } = setup(3);
    for (let i = 0; i < 10_000; i++) log.report(forgedFrom(`10.0.${i >> 8}.${i & 255}`));
    await log.flush();
    expect(appended).toHaveLength(4);
    expect(appended.map((r) => r.clientAddress)).toEqual([
      '10.0.0.0',
      '10.0.0.1',
      '10.0.0.2',
      null,
    ]);
    expect(appended.reduce((n, r) => n + (r.count ?? 1), 0)).toBe(10_000);
  });

  it('starts a new window after each flush', async () => {
    const { log, appended } = setup();
    log.report(forgedFrom('10.0.0.1'));
    await log.flush();
    log.report(forgedFrom('10.0.0.1', 2_000));
    await log.flush();
    expect(appended.map((r) => r.count)).toEqual([1, 1]);
  });
});
