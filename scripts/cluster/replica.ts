import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface Replica {
  /** RECORD_STREAM_ID: stable across its restarts, unique in the cluster. */
  id: string;
  url: string;
  /** SIGTERM, then resolves with the exit code once the gateway has drained and exited. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/** One gateway replica, `scripts/gateway.ts` in its own process on an ephemeral loopback port. */
export async function startReplica(id: string, env: NodeJS.ProcessEnv): Promise<Replica> {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/gateway.ts'], {
    cwd: ROOT,
    env: { ...env, GATEWAY_PORT: '0', GATEWAY_HOST: '127.0.0.1', RECORD_STREAM_ID: id },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /gateway: (http:\/\/\S+)\/graphql/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) =>
      reject(new Error(`gateway replica ${id} exited with ${code} before listening:\n${output}`)),
    );
  });
  // Keep reading so a chatty replica never blocks on a full pipe.
  child.stdout.resume();
  child.stderr.resume();
  return {
    id,
    url,
    exited,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
