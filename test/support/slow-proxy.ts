import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the proxy treats the next calls: pass them on after `delayMs`, or never answer. */
export type ProxyMode = { delayMs: number } | 'hang';

export interface SlowProxy {
  /** Sets where calls are passed on and returns the proxy's URL (for startFederation's route). */
  route(target: string): string;
  mode: ProxyMode;
  /** Calls received so far. */
  calls: number;
  stop(): Promise<void>;
}

/** A deliberately slow department: an HTTP proxy in front of it that delays or swallows calls. */
export async function startSlowProxy(): Promise<SlowProxy> {
  let target = '';
  const open = new Set<() => void>();
  const proxy: SlowProxy = {
    mode: { delayMs: 0 },
    calls: 0,
    route: (url) => {
      target = url;
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    },
    stop: async () => {
      for (const end of open) end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer(async (req, res) => {
    proxy.calls += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const mode = proxy.mode;
    if (mode === 'hang') {
      open.add(() => res.destroy());
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, mode.delayMs));
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host',
      ),
    );
    const answer = await fetch(target, {
      method: req.method,
      headers,
      body: Buffer.concat(chunks),
    });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return proxy;
}
