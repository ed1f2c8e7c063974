import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Consumer } from '../policies';
import { readPurpose, type TokenVerifier } from './identity';

/** Per-request state, built fresh for every request (never shared between callers). */
export interface GatewayContext {
  /** The caller's x-request-id when well-formed, else a new UUID; sent on to every subgraph. */
  requestId: string;
  /** Who is asking, from the verified bearer token. */
  consumer: Consumer;
  /** The purpose stated in x-purpose, a code of the catalogue. */
  purpose: string;
  /** The case number stated in x-case-number, if any. */
  caseNumber: string | null;
  /** When the request arrived (ms since the epoch). */
  startedAt: number;
  /** Subgraphs called for this request (the access record lists them). */
  departmentsCalled: Set<string>;
  /** Pseudonymous ids of the persons whose personal information the subgraphs reported returning. */
  subjects: Set<string>;
}

export type ContextFactory = (req: IncomingMessage) => Promise<GatewayContext>;

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The one place where each request's state is made: identity first (401 when the token is
 * missing or bad), then the stated purpose (400 when missing, 403 when not in the catalogue).
 */
export function createContextFactory(options: {
  verifyToken: TokenVerifier;
  purposes: ReadonlySet<string>;
}): ContextFactory {
  return async (req) => {
    const consumer = await options.verifyToken(req.headers.authorization);
    const { purpose, caseNumber } = readPurpose(req.headers, options.purposes);
    return {
      requestId: requestIdOf(req),
      consumer,
      purpose,
      caseNumber,
      startedAt: Date.now(),
      departmentsCalled: new Set(),
      subjects: new Set(),
    };
  };
}

/** The caller's request id when well-formed, else a fresh one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}
