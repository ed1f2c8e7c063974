import { z } from 'zod';

/** The header a subgraph call carries its signed context in. */
export const CONTEXT_HEADER = 'x-gateway-context';

/**
 * The response extension in which a subgraph reports the pseudonymous ids of the persons whose
 * personal information it returned; the gateway moves them into the access record.
 */
export const SUBJECTS_EXTENSION = 'subjects';
/** Issuer of every subgraph context. */
export const CONTEXT_ISSUER = 'gov-data-graph-gateway';
/** Seconds a signed context stays valid: one subgraph call, with clock skew to spare. */
export const DEFAULT_CONTEXT_TTL_SEC = 30;

/** What the gateway tells a department about one call, signed so the department can trust it. */
export const contextClaimsSchema = z.object({
  consumer: z.object({
    kind: z.enum(['official', 'citizen', 'anonymous', 'gateway']),
    id: z.string(),
    department: z.string().nullable(),
    role: z.string().nullable(),
    jurisdiction: z.string().nullable(),
    application: z.string().nullable(),
    personId: z.string().nullable(),
  }),
  purpose: z.string(),
  caseNumber: z.string().nullable(),
  requestId: z.string(),
  /** Packed CASL rules for the types this department serves (policies' rulesFor). */
  rules: z.array(z.unknown()),
  /** base64url SHA-256 of the exact request body: the context is good for this call only. */
  bodyHash: z.string(),
});

export type ContextClaims = z.infer<typeof contextClaimsSchema>;
