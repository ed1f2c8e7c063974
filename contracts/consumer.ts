import { z } from 'zod';

/** Who is asking: an official of a department, a citizen, or nobody identified. */
export const CONSUMER_KINDS = ['official', 'citizen', 'anonymous'] as const;
export type ConsumerKind = (typeof CONSUMER_KINDS)[number];

const consumerFields = {
  /** The token's `sub`: an official's or a citizen's account id; 'anonymous' for anonymous callers. */
  id: z.string(),
  /** The official's department, named as its subgraph (e.g. 'civil-affairs'). */
  department: z.string().nullable(),
  /** The official's role within the department (e.g. 'caseworker'). */
  role: z.string().nullable(),
  /** 6-digit administrative division code of the official's jurisdiction (e.g. '510107'). */
  jurisdiction: z.string().nullable(),
  /** The application the token was issued to, when the identity provider names one. */
  application: z.string().nullable(),
  /** The citizen's pseudonymous person id (the `Person.id` key); null for officials. */
  personId: z.string().nullable(),
};

/** The caller of one request, as established from its bearer token (or its absence). */
export const consumerSchema = z.object({ kind: z.enum(CONSUMER_KINDS), ...consumerFields });

/** The caller of one request, as established from its bearer token (or its absence). */
export type Consumer = Readonly<z.infer<typeof consumerSchema>>;

/**
 * Whom a subgraph call is made for: a consumer, or the gateway itself (its readiness probe,
 * which reads no rows).
 */
export const callerSchema = z.object({
  kind: z.enum([...CONSUMER_KINDS, 'gateway']),
  ...consumerFields,
});

/** The consumer of a request without an Authorization header, when anonymous access is allowed. */
export const ANONYMOUS_CONSUMER: Consumer = Object.freeze({
  kind: 'anonymous',
  id: 'anonymous',
  department: null,
  role: null,
  jurisdiction: null,
  application: null,
  personId: null,
});
