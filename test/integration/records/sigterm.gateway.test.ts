import { startReplica } from '../../../scripts/cluster/replica';
import { startStallRelay, type StallRelay } from './stall-relay';

const SHUTDOWN_DEADLINE_MS = 3_000;

let relay: StallRelay;
beforeAll(async () => {
  relay = await startStallRelay();
});
afterAll(async () => {
  relay.release();
  await relay.close();
});

it('stops within its shutdown deadline on SIGTERM while its record store has stopped answering', async () => {
  const gateway = await startReplica(`sigterm-${process.pid}`, {
    ...process.env,
    RECORDS_DATABASE_URL: relay.url,
    LOG_LEVEL: 'silent',
    RECORDS_APPEND_TIMEOUT_MS: '60000', // longer than the deadline: only the shutdown path may end it
    RECORDS_PROBE_INTERVAL_MS: '200',
    SHUTDOWN_DEADLINE_MS: String(SHUTDOWN_DEADLINE_MS),
    SHUTDOWN_DRAIN_MS: '0',
  });

  relay.mode = 'freeze';
  // A refusal's record and the probe are now stuck on connections that answer nothing.
  await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"query":"{ __typename }"}',
    signal: AbortSignal.timeout(500),
  }).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 500));

  const started = Date.now();
  await gateway.stop();
  expect(Date.now() - started).toBeLessThan(SHUTDOWN_DEADLINE_MS + 1_000);
}, 60_000);
