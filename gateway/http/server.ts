import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode } from '../../schema/errors';
import { CONTEXT_HEADER } from '../subgraph-context';
import type { Gateway } from '../gateway';
import type { Logger } from '../logger';
import { IdentityError } from '../identity';
import { handleGraphQL, HttpError } from './graphql';
import { checkReadiness } from './readiness';

/** Serves a non-GraphQL path (landing page, its assets); null when the path is not its own. */
export type PageHandler = (pathname: string) => Promise<{
  body: string | Buffer;
  contentType: string;
  headers?: Record<string, string>;
} | null>;

export interface HttpOptions {
  port: number;
  host: string;
  maxBodyBytes: number;
  readinessTimeoutMs: number;
  logger: Logger;
  pages?: PageHandler;
}

export interface ListeningGateway {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Routes: POST/GET /graphql, /healthz, /readyz, and the landing page with its assets. */
/** Pending connections the kernel may queue before the gateway accepts them. */
export const LISTEN_BACKLOG = 4096;

export async function listen(gateway: Gateway, options: HttpOptions): Promise<ListeningGateway> {
  const server = createServer((req, res) => {
    route(gateway, options, req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        res.setHeader('connection', 'close');
        sendJson(res, error.status, {
          errors: [{ message: error.message, extensions: { code: ErrorCode.BAD_USER_INPUT } }],
        });
        return;
      }
      if (error instanceof IdentityError) {
        if (error.status === 401) res.setHeader('www-authenticate', 'Bearer');
        sendJson(res, error.status, {
          errors: [{ message: error.message, extensions: { code: error.extensions.code } }],
        });
        return;
      }
      options.logger.error({ err: error }, 'request failed');
      if (!res.headersSent)
        sendJson(res, 500, {
          errors: [
            { message: 'Unexpected error.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } },
          ],
        });
      else res.destroy();
    });
  });
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
  };
}

async function route(
  gateway: Gateway,
  options: HttpOptions,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const { pathname } = new URL(req.url ?? '/', 'http://gateway');
  if (pathname === '/graphql') {
    await handleGraphQL(gateway.server, req, res, {
      maxBodyBytes: options.maxBodyBytes,
      context: () => gateway.security.createContext(req),
    });
    return;
  }
  if (pathname === '/healthz') {
    sendJson(res, 200, { status: 'ok' });
    return;
  }
  if (pathname === '/readyz') {
    const readiness = await checkReadiness(
      gateway.endpoints,
      options.readinessTimeoutMs,
      async (name, body) => ({
        [CONTEXT_HEADER]: await gateway.security.signContext(name, GATEWAY_PROBE, body),
      }),
    );
    const records = gateway.records.healthy() ? 'up' : 'down';
    const ready = readiness.ready && records === 'up';
    sendJson(res, ready ? 200 : 503, { ...readiness, ready, records });
    return;
  }
  const page = req.method === 'GET' ? await options.pages?.(pathname) : null;
  if (page) {
    res.writeHead(200, { 'content-type': page.contentType, ...page.headers });
    res.end(page.body);
    return;
  }
  sendJson(res, 404, {
    error: `No route for ${req.method} ${pathname}. GraphQL is served at /graphql.`,
  });
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
