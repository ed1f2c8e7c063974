/**
 * The error codes clients can see, in `extensions.code`. Only these are public: every
 * error the gateway or a department returns carries one of them.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The request names no single query or mutation to run (400). */
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  /** The request itself is malformed: not UTF-8, not one JSON object, a batch, unreadable. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** 405: a method /graphql does not serve, or a GET that is not a query. */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** 415: a POST body that is not application/json. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** 413: a body over MAX_BODY_BYTES. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** 431: request headers over MAX_HEADER_BYTES. */
  REQUEST_HEADERS_TOO_LARGE: 'REQUEST_HEADERS_TOO_LARGE',
  /** 408: headers or body not complete within BODY_DEADLINE_MS. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  /** 400: an operation deeper than MAX_DEPTH (fragments add no level). */
  MAX_DEPTH_LIMIT: 'MAX_DEPTH_LIMIT',
  /** 400: more aliases than MAX_ALIASES, fragments expanded. */
  MAX_ALIASES_LIMIT: 'MAX_ALIASES_LIMIT',
  /** 400: more root fields than MAX_ROOT_FIELDS, fragments expanded. */
  MAX_ROOT_FIELDS_LIMIT: 'MAX_ROOT_FIELDS_LIMIT',
  /** 400: a document of more tokens than MAX_TOKENS (the parser stops there). */
  MAX_TOKENS_LIMIT: 'MAX_TOKENS_LIMIT',
  /** 400: more directives than MAX_DIRECTIVES, fragments expanded. */
  MAX_DIRECTIVES_LIMIT: 'MAX_DIRECTIVES_LIMIT',
  /** 400: more distinct fields (Type.field) than MAX_HEIGHT. */
  MAX_HEIGHT_LIMIT: 'MAX_HEIGHT_LIMIT',
  /** 400: more fields than MAX_EXPANDED_FIELDS once fragments are expanded (a fragment bomb). */
  MAX_EXPANDED_FIELDS_LIMIT: 'MAX_EXPANDED_FIELDS_LIMIT',
  /** 400: a document longer than MAX_DOCUMENT_BYTES. */
  MAX_DOCUMENT_BYTES_LIMIT: 'MAX_DOCUMENT_BYTES_LIMIT',
  /** 400: an operation whose estimated cost (@cost, @listSize) is over its consumer class's maximum. */
  COST_ESTIMATED_TOO_EXPENSIVE: 'COST_ESTIMATED_TOO_EXPENSIVE',
  /** A subgraph did not answer or is busy (its bulkhead full): its fields are missing. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /** A subgraph did not answer within its timeout (SUBGRAPH_TIMEOUT_MS): its fields are missing. */
  SUBGRAPH_TIMEOUT: 'SUBGRAPH_TIMEOUT',
  /** A subgraph's circuit breaker is open after repeated failures: its fields are missing. */
  SUBGRAPH_CIRCUIT_OPEN: 'SUBGRAPH_CIRCUIT_OPEN',
  /** 429: over a rate limit (per caller, application or department); see Retry-After and RateLimit. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** 429: a grant's daily quota of distinct persons is used up; the error names the grant. */
  GRANT_QUOTA_EXCEEDED: 'GRANT_QUOTA_EXCEEDED',
  /**
   * 400: the application runs its registered documents only (trusted documents, enforce), and
   * this document (or id) is not in its manifest.
   */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  RECORD_STORE_UNAVAILABLE: 'RECORD_STORE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
