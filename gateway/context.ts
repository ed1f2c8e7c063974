import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Consumer } from '../policies';
import { IdentityError, readPurpose, type TokenVerifier } from './identity';
import type { LivePolicy, PolicyHolder } from './live-policy';
import type { SupergraphHolder, SupergraphParts } from './generation';

/** What is known of a request as it arrives, before anything about it is checked. */
export interface Arrival {
  /** The caller's x-request-id when well-formed, else a new UUID; sent back and on to every subgraph. */
  requestId: string;
  /** The peer's address (IPv4-mapped IPv6 written as IPv4); null once the socket is gone. */
  clientAddress: string | null;
  /** When the request arrived (ms since the epoch). */
  startedAt: number;
}

/** Per-request state, built fresh for every request (never shared between callers). */
export interface GatewayContext extends Arrival {
  /** Who is asking, from the verified bearer token. */
  consumer: Consumer;
  /** The purpose stated in x-purpose, a code of the catalogue. */
  purpose: string;
  /** The case number stated in x-case-number, if any. */
  caseNumber: string | null;
  /**
   * The policy this request was admitted under: its decision, its signed subgraph contexts and
   * its access record all use this one, whatever goes live meanwhile.
   */
  policy: LivePolicy;
  /**
   * The supergraph this request was admitted under (pinned with the policy, compiled for it):
   * its plan, its decision and the rules and endpoints of its department calls.
   */
  supergraph: SupergraphParts;
  /** The pinned policy's revision (0: the policy files). */
  policyRevision: number;
  /** Subgraphs called for this request (the access record lists them). */
  departmentsCalled: Set<string>;
  /** Subgraphs that refused or failed a call (e.g. a context under the watermark, 401). */
  departmentsFailed: Set<string>;
  /** Pseudonymous ids of the persons whose personal information the subgraphs reported returning. */
  subjects: Set<string>;
  /**
   * Set once the access-records plugin has taken this request's record; the HTTP layer records
   * the rest. An object, because Apollo hands plugins a shallow copy of the context.
   */
  record: { taken: boolean };
  /**
   * The trusted document the request runs: its id when its application's manifest lists it,
   * else null (set by the trusted-documents plugin before the operation is decided).
   */
  document: { id: string | null };
}

export type ContextFactory = (req: IncomingMessage, arrival: Arrival) => Promise<GatewayContext>;

/** A request refused while its context was made; `consumer` when its token was verified before. */
export class ContextRefused extends Error {
  constructor(
    readonly refusal: IdentityError,
    readonly consumer: Consumer | null,
  ) {
    super(refusal.message);
    this.name = 'ContextRefused';
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The one place where each request's state is made, from its headers alone (the body is not
 * read yet): identity first (401 when the token is missing or bad), then the stated purpose
 * (400 when missing, 403 when not in the catalogue). Refusals are ContextRefused.
 */
export function createContextFactory(options: {
  verifyToken: TokenVerifier;
  policy: PolicyHolder;
  supergraph: SupergraphHolder;
}): ContextFactory {
  return async (req, arrival) => {
    // Admission: the request is pinned to the policy and the supergraph live now, together
    // (a supergraph swap recompiles the policy in the same step).
    const policy = options.policy.current();
    const supergraph = options.supergraph.current();
    let consumer: Consumer | null = null;
    try {
      consumer = await options.verifyToken(req.headers.authorization);
      const { purpose, caseNumber } = readPurpose(req.headers, policy.engine.purposes);
      return {
        ...arrival,
        consumer,
        purpose,
        caseNumber,
        policy,
        supergraph,
        policyRevision: policy.revision,
        departmentsCalled: new Set(),
        departmentsFailed: new Set(),
        subjects: new Set(),
        record: { taken: false },
        document: { id: null },
      };
    } catch (error) {
      if (error instanceof IdentityError) throw new ContextRefused(error, consumer);
      throw error;
    }
  };
}

/** The request id, peer address and time of a request that has just arrived. */
export function arrivalOf(req: IncomingMessage): Arrival {
  const given = req.headers['x-request-id'];
  const address = req.socket.remoteAddress ?? null;
  return {
    requestId: typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID(),
    clientAddress: address?.startsWith('::ffff:') ? address.slice(7) : address,
    startedAt: Date.now(),
  };
}
