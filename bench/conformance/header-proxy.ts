import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP proxy that adds headers to every request it forwards. */
export interface HeaderProxy {
  /** The proxy's URL for the target's path, e.g. http://127.0.0.1:PORT/graphql */
  url: string;
  close(): Promise<void>;
}

/**
 * Forwards every request to `target` (same path) with `headers` added: the audit's client
 * sends no token and no purpose, and the gateway must receive both. Nothing in the gateway
 * changes; the proxy is the caller's side.
 */
export async function startHeaderProxy(
  target: string,
  headers: Readonly<Record<string, string>>,
): Promise<HeaderProxy> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: upstream.host, ...headers },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: `proxy: ${error.message}` }] }));
    });
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
