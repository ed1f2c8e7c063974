import cluster, { type Worker } from 'node:cluster';
import type { GatewayConfig } from './config';
import type { Logger } from './logger';
import type { RunningGateway } from './start';

/** Set by the primary in each worker's environment: its number, from 1. */
export const WORKER_INDEX_ENV = 'GATEWAY_WORKER_INDEX';

/** Milliseconds past the drain and the deadline before a stuck process is ended anyway. */
const BACKSTOP_MS = 2_000;

/** The hash chain of worker `index`: one per process, so two workers' records never interleave. */
export function workerStreamId(stream: string, index: number): string {
  return `${stream}-w${index}`;
}

interface Listening {
  type: 'gateway-listening';
  url: string;
}

/**
 * Serves the gateway on GATEWAY_WORKERS processes sharing one port (node:cluster: the primary
 * accepts, the workers serve). One worker is the gateway in this process, as before. Prints
 * `gateway: <url>/graphql` once every worker listens. SIGTERM or SIGINT: each worker drains
 * and flushes its records as a single gateway does; the primary exits 0 once all did. A worker
 * that dies on its own stops the others and the primary exits 1 (fail closed: the supervisor
 * restarts the whole gateway).
 */
export async function serveOnWorkers(
  config: GatewayConfig,
  start: (config: GatewayConfig) => Promise<RunningGateway>,
  logger: Logger,
): Promise<void> {
  const index = Number(process.env[WORKER_INDEX_ENV] ?? 0);
  if (cluster.isWorker && index > 0) return serveWorker(config, index, start);
  if (config.workers === 1) {
    const gateway = await start(config);
    console.log(`gateway: ${gateway.url}/graphql`);
    onStopSignal(config, () => gateway.shutdown());
    return;
  }
  workerStreamIdFits(config);
  return superviseWorkers(config, logger);
}

async function serveWorker(
  config: GatewayConfig,
  index: number,
  start: (config: GatewayConfig) => Promise<RunningGateway>,
): Promise<void> {
  const gateway = await start({
    ...config,
    recordStreamId: workerStreamId(config.recordStreamId, index),
  });
  onStopSignal(config, () => gateway.shutdown());
  process.send!({ type: 'gateway-listening', url: gateway.url } satisfies Listening);
}

function superviseWorkers(config: GatewayConfig, logger: Logger): Promise<void> {
  const workers: Worker[] = [];
  let stopping = false;
  let failed = false;
  const stopAll = (failure: boolean) => {
    failed ||= failure;
    if (stopping) return;
    stopping = true;
    exitAfterDeadline(config);
    for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGTERM');
  };
  process.once('SIGTERM', () => stopAll(false));
  process.once('SIGINT', () => stopAll(false));
  return new Promise<void>((resolve) => {
    const listening = new Set<Worker>();
    let exited = 0;
    for (let index = 1; index <= config.workers; index++) {
      const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(index) });
      workers.push(worker);
      worker.on('message', (message: Listening) => {
        if (message?.type !== 'gateway-listening') return;
        listening.add(worker);
        if (listening.size === config.workers) {
          console.log(`gateway: ${message.url}/graphql (${config.workers} workers)`);
          resolve();
        }
      });
      worker.once('exit', (code, signal) => {
        exited += 1;
        if (!stopping || code !== 0) {
          logger.error(
            { worker: index, code, signal },
            'gateway worker exited; stopping the others',
          );
          stopAll(true);
        }
        if (exited === config.workers) process.exit(failed ? 1 : 0);
      });
    }
  });
}

/** A worker's stream id must still be a valid RECORD_STREAM_ID once suffixed. */
function workerStreamIdFits(config: GatewayConfig): void {
  const longest = workerStreamId(config.recordStreamId, config.workers);
  if (longest.length > 64) {
    throw new Error(
      `RECORD_STREAM_ID '${config.recordStreamId}' is too long for ${config.workers} workers: '${longest}' passes 64 characters; shorten it.`,
    );
  }
}

/** SIGTERM or SIGINT (a rolling restart, Ctrl-C): drain, finish in flight, flush, exit 0; once. */
function onStopSignal(config: GatewayConfig, shutdown: () => Promise<unknown>): void {
  let started = false;
  const stop = () => {
    if (started) return;
    started = true;
    exitAfterDeadline(config);
    void shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** A backstop: whatever hangs, the process is gone shortly after its shutdown deadline. */
function exitAfterDeadline(config: GatewayConfig): void {
  const ms = config.shutdownDrainMs + config.shutdownDeadlineMs + BACKSTOP_MS;
  setTimeout(() => process.exit(1), ms).unref();
}
