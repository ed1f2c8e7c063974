import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT_DIR } from '../schema/load-manifest';

/** Milliseconds a child gets to stop on SIGTERM before SIGKILL. */
export const STOP_TIMEOUT_MS = 15_000;

/** A child process the bench started, with the tail of its output for error messages. */
export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** Last lines the child wrote (stdout and stderr). */
  output(): string;
  /** SIGTERM, then SIGKILL after STOP_TIMEOUT_MS; resolves once it has exited. */
  stop(): Promise<void>;
}

const children = new Set<Child>();

/**
 * Starts `node --import tsx --import bench/orphan-guard.ts <script> ...args` from the repository
 * root: one node process per child (no wrapper), so /proc/<pid> is the server itself. Every
 * target runs under the same loader, the JavaScript Hive Gateway included.
 */
export function startNode(
  name: string,
  script: string,
  options: {
    args?: readonly string[];
    env?: NodeJS.ProcessEnv;
    /** The node binary (the peers' Node 22); default this process's. */
    node?: string;
    /** Copy the child's stderr to ours, each line prefixed with its name. */
    echo?: boolean;
  } = {},
): Child {
  const child = spawn(
    options.node ?? process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      join(ROOT_DIR, 'bench', 'orphan-guard.ts'),
      script,
      ...(options.args ?? []),
    ],
    {
      cwd: ROOT_DIR,
      // As deployed (deploy/Dockerfile): graphql-js and Apollo Server leave their development
      // checks out, for every target alike.
      env: { ...process.env, NODE_ENV: 'production', ...options.env },
      // Own process group: a terminal Ctrl-C reaches only the orchestrator, which stops children in order.
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const keepTail = (chunk: string) => {
    lines.push(...chunk.split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 30));
  };
  // Both pipes are always drained: a full pipe would block the child.
  child.stdout!.setEncoding('utf8').on('data', keepTail);
  child.stderr!.setEncoding('utf8').on('data', keepTail);
  if (options.echo) {
    child.stderr!.on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) console.error(`[${name}] ${line}`);
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle: Child = {
    name,
    pid: child.pid!,
    process: child,
    output: () => lines.join('\n'),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      children.delete(handle);
    },
  };
  children.add(handle);
  return handle;
}

/** Stops every child still running, in reverse start order (gateways before subgraphs). */
export async function stopAll(): Promise<void> {
  for (const child of [...children].reverse()) await child.stop();
}

/** Last resort on process exit: SIGTERM to whatever is left (they stop on their own). */
export function terminateAllNow(): void {
  for (const child of children) {
    if (child.process.exitCode === null) child.process.kill('SIGTERM');
  }
}

/** The first stdout line of a child that is a JSON object; fails with its output if it exits first. */
export function firstJsonLine<T>(child: Child, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => reject(new Error(`${child.name} did not start in ${timeoutMs} ms:\n${child.output()}`)),
      timeoutMs,
    );
    child.process.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      const line = lines.find((l) => l.startsWith('{'));
      if (line === undefined) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as T);
      } catch (error) {
        reject(new Error(`${child.name} printed ${line}: ${(error as Error).message}`));
      }
    });
    child.process.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${child.name} exited with ${code ?? signal}:\n${child.output()}`));
    });
  });
}

/** A TCP port free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Waits until `url` answers a GraphQL POST (any HTTP status below 500), or the child dies. */
export async function waitForHttp(child: Child, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { exitCode, signalCode } = child.process;
    if (exitCode !== null || signalCode !== null) {
      throw new Error(`${child.name} exited with ${exitCode ?? signalCode}:\n${child.output()}`);
    }
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${child.name} did not answer at ${url} in ${timeoutMs} ms:\n${child.output()}`);
}
