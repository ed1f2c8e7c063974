import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Per-request state, built fresh for every request (never shared between callers). */
export interface GatewayContext {
  /** The caller's x-request-id when well-formed, else a new UUID; sent on to every subgraph. */
  requestId: string;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The context factory: one place where each request's state is made. */
export function createContext(req: IncomingMessage): GatewayContext {
  const given = req.headers['x-request-id'];
  const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  return { requestId };
}
