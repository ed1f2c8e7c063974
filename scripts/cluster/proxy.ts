import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIdempotent } from './idempotent';

/** Largest request body the proxy buffers (it must, to send a query again). */
export const MAX_PROXY_BODY_BYTES = 1_000_000;

export interface ProxyStats {
  forwarded: number;
  retried: number;
  failed: number;
}

export interface RoundRobinProxy {
  url: string;
  /** Starts routing to a replica once its /readyz answers 200. */
  add(url: string): void;
  /** Stops routing to a replica at once. */
  remove(url: string): void;
  /** The replicas /readyz last found ready, in rotation order. */
  ready(): string[];
  stats: ProxyStats;
  close(): Promise<void>;
}

/** How often one idempotent request is sent again after a 503 with Retry-After: 0. */
const MAX_RESENDS = 3;

/** Timed-out readiness probes in a row after which a replica leaves the rotation. */
const SLOW_PROBES_TO_LEAVE = 3;
/** Poll intervals a request waits for a ready replica before it is answered 503. */
const WAIT_FOR_READY = 20;

/**
 * A small round-robin HTTP proxy for the cluster on one machine. Only replicas whose /readyz
 * answered 200 at the last poll get requests, so one that received SIGTERM leaves the rotation
 * within a poll (its drain delay must be longer). A request that got no answer (a refused
 * connection, a reset, a keep-alive socket the replica closed while it was sent) is retried on
 * the next ready replica only when it is idempotent (GET, HEAD, queries: reading twice is safe,
 * and each read leaves its own record); a mutation is never retried and gets 502. An idempotent
 * request answered 503 with Retry-After: 0 (a replica swapping its graph at that moment) is sent
 * again, up to MAX_RESENDS times, as load balancers retry such answers. A request that finds no
 * ready replica waits up to WAIT_FOR_READY polls for one (a rolling restart on a loaded machine)
 * before it is answered 503.
 */
export async function startProxy(options: { pollMs: number }): Promise<RoundRobinProxy> {
  const backends = new Map<string, boolean>();
  const agent = new Agent({ keepAlive: true });
  const stats: ProxyStats = { forwarded: 0, retried: 0, failed: 0 };
  let next = 0;
  const ready = () => [...backends].filter(([, up]) => up).map(([url]) => url);
  const pick = (exclude: Set<string>) => {
    const candidates = ready().filter((url) => !exclude.has(url));
    if (candidates.length === 0) return undefined;
    next = (next + 1) % candidates.length;
    return candidates[next];
  };

  // Probes that timed out in a row, per replica: a replica that answers "not ready" or refuses
  // the connection leaves the rotation at once; one that is only slow to answer (a loaded
  // machine) leaves after SLOW_PROBES_TO_LEAVE probes in a row, as load balancers' unhealthy
  // thresholds do.
  const slow = new Map<string, number>();
  const poll = async () => {
    await Promise.all(
      [...backends.keys()].map(async (url) => {
        const probe = await fetch(`${url}/readyz`, {
          signal: AbortSignal.timeout(options.pollMs * 5),
        })
          .then((r) => (r.status === 200 ? 'up' : 'down'))
          .catch((error: Error) => (error.name === 'TimeoutError' ? 'slow' : 'down'));
        if (!backends.has(url)) return;
        const misses = probe === 'slow' ? (slow.get(url) ?? 0) + 1 : 0;
        slow.set(url, misses);
        if (probe !== 'slow') backends.set(url, probe === 'up');
        else if (misses >= SLOW_PROBES_TO_LEAVE) backends.set(url, false);
      }),
    );
  };
  /** The next ready replica not in `exclude`, waiting up to WAIT_FOR_READY polls for one. */
  const pickOrWait = async (exclude: Set<string>) => {
    for (let waited = 0; ; waited += 1) {
      const target = pick(exclude);
      if (target || waited >= WAIT_FOR_READY) return target;
      await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    }
  };
  let polling = true;
  const loop = (async () => {
    while (polling) {
      await poll();
      await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    }
  })();

  const server = createServer((req, res) => {
    void readBody(req).then(
      (body) => forward(req, res, body),
      () => answer(res, 413, 'request body too large for the proxy'),
    );
  });

  const forward = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const retryable = isIdempotent(req.method ?? 'GET', body);
    const tried = new Set<string>();
    let resent = 0;
    for (;;) {
      const target = tried.size === 0 ? await pickOrWait(tried) : pick(tried);
      if (!target) {
        stats.failed += 1;
        return answer(res, 503, 'no ready gateway replica');
      }
      tried.add(target);
      const outcome = await send(target, req, res, body, retryable && resent < MAX_RESENDS);
      if (outcome === 'answered') {
        stats.forwarded += 1;
        return;
      }
      if (outcome === 'again') {
        // 503 with Retry-After: 0 (a replica swapping its graph): any replica may take it now.
        resent += 1;
        stats.retried += 1;
        tried.delete(target);
        continue;
      }
      if (!retryable) {
        stats.failed += 1;
        return answer(res, 502, 'the gateway replica closed the connection');
      }
      stats.retried += 1;
    }
  };

  /**
   * 'unanswered': no response came (refused, reset, closed); whether the replica got it is
   * unknown. 'again': a 503 with Retry-After: 0 (only when `mayResend`), not passed on.
   */
  const send = (
    target: string,
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    mayResend: boolean,
  ) =>
    new Promise<'answered' | 'unanswered' | 'again'>((resolve) => {
      const upstream = request(
        new URL(req.url ?? '/', target),
        {
          method: req.method,
          headers: { ...req.headers, host: new URL(target).host },
          agent,
        },
        (answer) => {
          if (mayResend && answer.statusCode === 503 && answer.headers['retry-after'] === '0') {
            answer.resume();
            return resolve('again');
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.once('end', () => resolve('answered'));
          answer.once('error', () => {
            res.destroy();
            resolve('answered');
          });
        },
      );
      upstream.once('error', () => {
        if (res.headersSent) return resolve('answered');
        resolve('unanswered');
      });
      upstream.end(body);
    });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    add: (url) => {
      if (!backends.has(url)) backends.set(url, false);
    },
    remove: (url) => void backends.delete(url),
    ready,
    stats,
    close: async () => {
      polling = false;
      await loop;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PROXY_BODY_BYTES) {
        req.destroy();
        reject(new Error('too large'));
      } else chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function answer(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code: 'PROXY' } }] }));
}
