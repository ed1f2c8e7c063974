/** Who is asking: an official of a department, a citizen, or nobody identified. */
export type ConsumerKind = 'official' | 'citizen' | 'anonymous';

/** The caller of one request, as established from its bearer token (or its absence). */
export interface Consumer {
  readonly kind: ConsumerKind;
  /** The token's `sub`: an official's or a citizen's account id; 'anonymous' for anonymous callers. */
  readonly id: string;
  /** The official's department, named as its subgraph (e.g. 'civil-affairs'). */
  readonly department: string | null;
  /** The official's role within the department (e.g. 'caseworker'). */
  readonly role: string | null;
  /** 6-digit administrative division code of the official's jurisdiction (e.g. '510107'). */
  readonly jurisdiction: string | null;
  /** The application the token was issued to, when the identity provider names one. */
  readonly application: string | null;
  /** The citizen's pseudonymous person id (the `Person.id` key); null for officials. */
  readonly personId: string | null;
}

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
