import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUPERGRAPH_PATH } from '../../schema';

/** The committed supergraph. */
export const committedSupergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
const SATISFACTION = `
  """Mean satisfaction of rated appeals, 1 to 5; null when none rated."""
  averageSatisfaction: Float @classify(sharing: UNCONDITIONAL, pi: NONE)
`;
/** The committed supergraph before AppealSummary.averageSatisfaction was added. */
export const withoutSatisfaction = committedSupergraph.replace(SATISFACTION, '\n');
/** Reads the field only the committed supergraph has. */
export const SATISFACTION_QUERY = '{ departments { appealSummary { averageSatisfaction } } }';

export interface SupergraphRegistry {
  url: string;
  /** What it serves: the SDL, or 503 while `failing`; and what it was asked. */
  state: { sdl: string; failing: boolean; requests: number; notModified: number };
  etagOf(sdl: string): string;
  close(): Promise<void>;
}

/** A supergraph registry on loopback: serves `state.sdl` with a strong ETag, 304 to a matching If-None-Match. */
export async function startSupergraphRegistry(sdl: string): Promise<SupergraphRegistry> {
  const state = { sdl, failing: false, requests: 0, notModified: 0 };
  const etagOf = (text: string) => `"${createHash('sha256').update(text).digest('hex')}"`;
  const server = createServer((req, res) => {
    state.requests += 1;
    if (state.failing) return void res.writeHead(503).end('down for maintenance');
    const etag = etagOf(state.sdl);
    if (req.headers['if-none-match'] === etag) {
      state.notModified += 1;
      return void res.writeHead(304, { etag }).end();
    }
    res.writeHead(200, { etag, 'content-type': 'text/plain' }).end(state.sdl);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/supergraph`,
    state,
    etagOf,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
