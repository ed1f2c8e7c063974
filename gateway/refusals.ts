import type { Consumer } from '../policies';
import { ErrorCode } from '../contracts/errors';
import type { Arrival } from './context';
import type { Logger } from './logger';
import { createSecurityEventLog, type Outcome, type RecordWriter } from '../records';

// Codes that say the client's request was at fault: the operation was refused, not failed.
const CLIENT_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.BAD_REQUEST,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.METHOD_NOT_ALLOWED,
  ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  ErrorCode.PAYLOAD_TOO_LARGE,
  ErrorCode.REQUEST_TIMEOUT,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  ErrorCode.MAX_DEPTH_LIMIT,
  ErrorCode.MAX_ALIASES_LIMIT,
  ErrorCode.MAX_ROOT_FIELDS_LIMIT,
  ErrorCode.MAX_TOKENS_LIMIT,
  ErrorCode.MAX_DIRECTIVES_LIMIT,
  ErrorCode.MAX_HEIGHT_LIMIT,
  ErrorCode.MAX_EXPANDED_FIELDS_LIMIT,
  ErrorCode.MAX_DOCUMENT_BYTES_LIMIT,
  ErrorCode.COST_ESTIMATED_TOO_EXPENSIVE,
  ErrorCode.RATE_LIMITED,
  ErrorCode.GRANT_QUOTA_EXCEEDED,
]);

/** The record's reason for an error code: the code in lowercase with hyphens ('graphql-validation-failed'). */
export function reasonOfCode(code: unknown): string {
  return typeof code === 'string' && /^[A-Z][A-Z_]{0,63}$/.test(code)
    ? code.toLowerCase().replace(/_/g, '-')
    : 'internal-server-error';
}

/** How a GraphQL response ends for its record: served when it carries data, else refused (the client's fault) or failed. */
export function outcomeOfResult(result: {
  data?: unknown;
  errors?: readonly { extensions?: Record<string, unknown> }[];
}): { outcome: Outcome; reason: string | null } {
  if (result.data) return { outcome: 'served', reason: null };
  const codes = (result.errors ?? []).map((e) => e.extensions?.code);
  // The most telling code: a policy refusal before anything else.
  const code = codes.find((c) => c === ErrorCode.FORBIDDEN) ?? codes[0];
  const outcome = typeof code === 'string' && CLIENT_CODES.has(code) ? 'refused' : 'failed';
  return { outcome, reason: reasonOfCode(code) };
}

/** A request refused or failed outside the GraphQL pipeline, as the HTTP layer knows it. */
export interface RefusedRequest {
  reason: string;
  outcome: Outcome;
  /** The consumer when the token was verified; null makes it a security event. */
  consumer: Consumer | null;
  purpose?: string | null;
  caseNumber?: string | null;
}

/** Records the requests the gateway refused before (or outside) GraphQL. */
export interface RefusalRecords {
  /** Appends the access record (consumer known) or counts the security event (none could be established). */
  record(arrival: Arrival, refused: RefusedRequest): Promise<void>;
  /** Stores the security events still being counted. */
  close(): Promise<void>;
}

/**
 * Every refusal leaves a record, never with the token or a value sent: an access record when
 * the consumer is known; otherwise a security event (coalesced, so a flood is bounded; see
 * createSecurityEventLog). Refusals release no data, so the caller need not wait for the
 * security event's commit; a failed append is logged.
 */
export function createRefusalRecords(options: {
  writer: RecordWriter;
  logger: Logger;
  securityEvents?: { windowMs?: number; perWindow?: number };
}): RefusalRecords {
  const { writer, logger } = options;
  const events = createSecurityEventLog({
    writer,
    ...options.securityEvents,
    onError: (error) => logger.error({ err: error }, 'security events not stored'),
  });
  return {
    async record(arrival, refused) {
      logger.info(
        { requestId: arrival.requestId, reason: refused.reason, outcome: refused.outcome },
        'request refused',
      );
      if (!refused.consumer) {
        events.report({ at: arrival.startedAt, ...arrival, reason: refused.reason });
        return;
      }
      await writer
        .append({
          time: new Date(arrival.startedAt).toISOString(),
          requestId: arrival.requestId,
          consumer: refused.consumer,
          purpose: refused.purpose ?? null,
          caseNumber: refused.caseNumber ?? null,
          operation: { name: null, hash: '' },
          fields: [],
          departments: [],
          outcome: refused.outcome,
          durationMs: Math.max(0, Math.round(Date.now() - arrival.startedAt)),
          subjects: [],
          delayedUntil: null,
          clientAddress: arrival.clientAddress,
          reason: refused.reason,
        })
        .then(
          () => undefined,
          (error: unknown) =>
            logger.error({ requestId: arrival.requestId, err: error }, 'access record not stored'),
        );
    },
    close: () => events.flush(),
  };
}
