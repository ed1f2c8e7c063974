import net from 'node:net';
import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';

// Government networks are often air-gapped: starting the gateway and serving an operation
// opens no connection beyond this machine (no cloud metadata probe, no vendor telemetry).
const attempts: string[] = [];
const connect = net.Socket.prototype.connect;
let federation: Federation;

beforeAll(async () => {
  delete process.env.APOLLO_TELEMETRY_DISABLED;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    // Node normalises the arguments into [options, callback] before this is reached.
    const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as
      { host?: string; path?: string } | string | number;
    attempts.push(
      typeof first === 'object' && first !== null
        ? (first.host ?? first.path ?? 'localhost')
        : String(args[1] ?? 'localhost'),
    );
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof connect;
  federation = await startFederation();
});
afterAll(async () => {
  net.Socket.prototype.connect = connect;
  await federation.stop();
});

it('opens no connection beyond loopback, starting and serving', async () => {
  const response = await federation.query(
    '{ purposes { code } }',
    {},
    await as('developer', 'service-development'),
  );
  expect(response.status).toBe(200);
  // The cloud metadata probes run in the background after the gateway starts.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const outside = attempts.filter(
    (host) => !/^(127\.|::1$|localhost$|\/)/.test(host) && !host.startsWith('/'),
  );
  expect(attempts.length).toBeGreaterThan(0);
  expect(outside).toEqual([]);
});
