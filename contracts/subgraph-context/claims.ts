import { z } from 'zod';
import { callerSchema } from '../consumer';
import { TRACEPARENT } from '../tracing/traceparent';

/** The header a subgraph call carries its signed context in. */
export const CONTEXT_HEADER = 'x-gateway-context';

/** The JWS header's `typ` of every subgraph context. */
export const CONTEXT_TYPE = 'gateway-context+jwt';

/** Issuer of every subgraph context. */
export const CONTEXT_ISSUER = 'gov-data-graph-gateway';
/** Seconds a signed context stays valid: one subgraph call, with clock skew to spare. */
export const DEFAULT_CONTEXT_TTL_SEC = 30;

/** What the gateway tells a department about one call, signed so the department can trust it. */
export const contextClaimsSchema = z.object({
  consumer: callerSchema,
  purpose: z.string(),
  caseNumber: z.string().nullable(),
  requestId: z.string(),
  /** Packed CASL rules for the types this department serves (policies' rulesFor). */
  rules: z.array(z.unknown()),
  /**
   * Packed CASL rules of other departments for the fields this department resolves but does
   * not own (the Person.id of a reference): it hands such a value out only where they admit it.
   */
  borrowedRules: z.array(z.unknown()).default([]),
  /**
   * The W3C traceparent of the gateway's span for this call, when tracing is on: the
   * department continues the trace (signed, so a caller cannot graft calls onto another trace).
   */
  traceparent: z.string().regex(TRACEPARENT).optional(),
  /**
   * The policy revision the request was pinned to (0: the policy files). A department refuses a
   * context older than the revocation watermark it follows.
   */
  revision: z.number().int().min(0).default(0),
  /**
   * The gateway replica lost its policy lease and serves UNCONDITIONAL fields only: `rules` open
   * nothing a grant opens, so the watermark does not apply.
   */
  failClosed: z.boolean().default(false),
  /** base64url SHA-256 of the exact request body: the context is good for this call only. */
  bodyHash: z.string(),
});

export type ContextClaims = z.infer<typeof contextClaimsSchema>;

/** Claims as the gateway writes them (rules that default to none may be left out). */
export type ContextClaimsInput = z.input<typeof contextClaimsSchema>;
