import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_BODY_DEADLINE_MS, DEFAULT_MAX_HEADER_BYTES } from '../config';
import { arrivalOf, type Arrival } from '../context';
import { ErrorCode } from '../../contracts/errors';
import { CONTEXT_HEADER } from '../../contracts/subgraph-context';
import type { Gateway } from '../compose';
import type { Logger } from '../logger';
import { answerClientError } from './client-error';
import { checkReadiness } from './readiness';
import { HttpError } from '../../contracts/http/http-error';
import { refusalOf, sendRefusal } from './refusal';
import { serveGraphQL } from './serve-graphql';
import { createDrain, type Drain, type ShutdownReport } from './shutdown';

/** What a page handler answers: 200 unless `status` says otherwise. */
export interface PageResponse {
  status?: number;
  body: string | Buffer;
  contentType: string;
  headers?: Record<string, string>;
}

/**
 * Serves a non-GraphQL path (landing page, its assets, the development sign-in); null when
 * the path and method are not its own.
 */
export type PageHandler = (pathname: string, req: IncomingMessage) => Promise<PageResponse | null>;

export interface HttpOptions {
  port: number;
  host: string;
  maxBodyBytes: number;
  /** Milliseconds the headers, then the body, have to arrive (BODY_DEADLINE_MS); later is 408. */
  bodyDeadlineMs?: number;
  /** Largest request head (request line and headers) in bytes (MAX_HEADER_BYTES); larger is 431. */
  maxHeaderBytes?: number;
  readinessTimeoutMs: number;
  logger: Logger;
  pages?: PageHandler;
}

export interface ListeningGateway {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  server: Server;
  close(): Promise<void>;
  /** Graceful: not ready at once, serve `drainMs` more, stop accepting, finish in flight up to `deadlineMs`. */
  shutdown(options: { drainMs: number; deadlineMs: number }): Promise<ShutdownReport>;
}

/** Pending connections the kernel may queue before the gateway accepts them. */
export const LISTEN_BACKLOG = 4096;

/**
 * Routes: POST/GET /graphql, /livez (alias /healthz), /readyz, /metrics (Prometheus), and the landing page with its assets. Every
 * response carries `x-request-id`. Requests Node cannot parse (headers over maxHeaderBytes,
 * headers not complete within bodyDeadlineMs, malformed HTTP) are answered and recorded too.
 */
export async function listen(gateway: Gateway, options: HttpOptions): Promise<ListeningGateway> {
  const deadlineMs = options.bodyDeadlineMs ?? DEFAULT_BODY_DEADLINE_MS;
  const server = createServer(
    {
      maxHeaderSize: options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES,
      headersTimeout: deadlineMs,
      // A backstop only: the body deadline (counted after the headers) answers first.
      requestTimeout: deadlineMs * 2 + 1_000,
      connectionsCheckingInterval: Math.min(1_000, deadlineMs),
    },
    (req, res) => {
      const arrival = arrivalOf(req);
      res.setHeader('x-request-id', arrival.requestId);
      drain.track(res);
      // Draining: clients reconnect, so the load balancer sends their next request elsewhere.
      if (drain.draining()) res.setHeader('connection', 'close');
      route(gateway, { ...options, bodyDeadlineMs: deadlineMs }, req, res, arrival, drain).catch(
        (error: unknown) => {
          options.logger.error({ requestId: arrival.requestId, err: error }, 'request failed');
          sendRefusal(res, refusalOf(error), arrival.requestId);
        },
      );
    },
  );
  // Requests only arrive once listening, after this line.
  const drain = createDrain(server);
  server.on('clientError', (error: NodeJS.ErrnoException, socket) =>
    answerClientError(error, socket, gateway.refusals),
  );
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A burst of new connections (1,000 clients at once) must queue, not be reset: the default
    // backlog of 511 overflows; the kernel caps this at net.core.somaxconn.
    server.listen({ port: options.port, host: options.host, backlog: LISTEN_BACKLOG }, () =>
      resolve(),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    shutdown: (timing) => drain.shutdown(timing),
  };
}

async function route(
  gateway: Gateway,
  options: HttpOptions & { bodyDeadlineMs: number },
  req: IncomingMessage,
  res: ServerResponse,
  arrival: Arrival,
  drain: Drain,
) {
  const pathname = pathOf(req);
  if (pathname === '/graphql') {
    const limits = {
      maxBytes: options.maxBodyBytes,
      deadlineMs: options.bodyDeadlineMs,
      logger: options.logger,
    };
    await serveGraphQL(gateway, limits, req, res, arrival);
    return;
  }
  // The process alone: a store or a department being down is /readyz's business.
  if (pathname === '/livez' || pathname === '/healthz') {
    sendJson(res, 200, { status: 'ok' });
    return;
  }
  if (pathname === '/metrics') {
    const { registry } = gateway.telemetry.metrics;
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(await registry.metrics());
    return;
  }
  if (pathname === '/readyz') {
    if (drain.draining()) {
      sendJson(res, 503, { ready: false, draining: true });
      return;
    }
    const policy = gateway.security.policy.current();
    const readiness = await checkReadiness(
      gateway.endpoints,
      options.readinessTimeoutMs,
      async (name, body) => ({
        [CONTEXT_HEADER]: await gateway.security.signContext(
          name,
          { ...GATEWAY_PROBE, revision: policy.revision, failClosed: policy.failClosed },
          body,
        ),
      }),
    );
    // The background probe's latest word (at most a probe interval old), never a fresh query.
    const { status: records, checkedAt, latencyMs } = gateway.records.health();
    const status = gateway.security.policy.status();
    const supergraph = gateway.security.supergraph.status();
    // A replica past its policy lease serves UNCONDITIONAL fields only: it must not take traffic.
    const ready = readiness.ready && records === 'up' && !status.failClosed;
    sendJson(res, ready ? 200 : 503, {
      ...readiness,
      ready,
      records,
      recordStore: { status: records, checkedAt, latencyMs },
      policy: { ...status, degraded: status.rejected !== null },
      // A refused supergraph never replaced the one served: degraded, still ready.
      supergraph: { ...supergraph, degraded: supergraph.rejected !== null },
    });
    return;
  }
  const page = await options.pages?.(pathname, req);
  if (page) {
    res.writeHead(page.status ?? 200, { 'content-type': page.contentType, ...page.headers });
    res.end(page.body);
    return;
  }
  sendJson(res, 404, {
    error: `No route for ${req.method} ${pathname}. GraphQL is served at /graphql.`,
  });
}

function pathOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://gateway').pathname;
  } catch {
    throw new HttpError(
      400,
      ErrorCode.BAD_REQUEST,
      'The request target is not a URL path.',
      'malformed-http',
    );
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** The gateway's own identity on a readiness probe: it reads no rows. */
const GATEWAY_PROBE = {
  consumer: {
    kind: 'gateway' as const,
    id: 'readiness-probe',
    department: null,
    role: null,
    jurisdiction: null,
    application: null,
    personId: null,
  },
  purpose: 'readiness',
  caseNumber: null,
  requestId: 'readiness-probe',
  rules: [],
};
