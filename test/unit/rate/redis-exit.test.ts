import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..');

// ioredis ends the socket on disconnect and arms a 2 s timer to destroy it should it stay
// half-open, cleared when the socket closes; a socket closed long before (Redis unreachable,
// between retries) never closes again, and the timer held a stopping gateway, or a jest
// worker, alive for 2 s.
describe('the gateway’s Redis client', () => {
  it('lets the process exit at once when closed while Redis is unreachable', async () => {
    const { stdout } = await promisify(execFile)(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [join(ROOT, 'test', 'fixtures', 'redis', 'unreachable.ts')],
      { cwd: ROOT, timeout: 30_000 },
    );
    const ms = Number(/^exited (\d+) ms after disconnect$/m.exec(stdout)?.[1]);
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(ms).toBeLessThan(1_000);
  });
});
