import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startStallRelay, type StallRelay } from './stall-relay';

const ROOT = join(__dirname, '..', '..', '..');
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
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/gateway.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      RECORDS_DATABASE_URL: relay.url,
      GATEWAY_PORT: '0',
      LOG_LEVEL: 'silent',
      RECORDS_APPEND_TIMEOUT_MS: '60000', // longer than the deadline: only the shutdown path may end it
      RECORDS_PROBE_INTERVAL_MS: '200',
      SHUTDOWN_DEADLINE_MS: String(SHUTDOWN_DEADLINE_MS),
      SHUTDOWN_DRAIN_MS: '0',
    },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /gateway: (http:\/\/\S+)\/graphql/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the gateway exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  relay.mode = 'freeze';
  // A refusal's record and the probe are now stuck on connections that answer nothing.
  await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"query":"{ __typename }"}',
    signal: AbortSignal.timeout(500),
  }).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 500));

  const started = Date.now();
  child.kill('SIGTERM');
  await exited;
  expect(Date.now() - started).toBeLessThan(SHUTDOWN_DEADLINE_MS + 1_000);
}, 60_000);
