import type { ServerResponse } from 'node:http';
import type { Consumer } from '../../policies';
import { ErrorCode } from '../../contracts/errors';
import { ContextRefused } from '../context';
import { IdentityError } from '../identity';
import { HttpError } from '../../contracts/http/http-error';

/** What the client is told about a refused request, and what its record says. */
export interface Refusal {
  status: number;
  code: ErrorCode;
  /** Safe to show: names what is wrong, never echoes a token or a value sent. */
  message: string;
  /** A code for the record, e.g. 'token-expired'. */
  reason: string;
  outcome: 'refused' | 'failed';
  headers: Readonly<Record<string, string>>;
  /** The consumer, when the token was verified before the refusal. */
  consumer: Consumer | null;
}

const UNEXPECTED = 'Unexpected error. The gateway log has the detail under this request id.';

/** The refusal an error thrown while reading a request stands for; anything unknown is a masked 500. */
export function refusalOf(error: unknown): Refusal {
  if (error instanceof HttpError) {
    const { status, code, message, reason, headers } = error;
    return { status, code, message, reason, headers, outcome: 'refused', consumer: null };
  }
  const [identity, consumer] =
    error instanceof ContextRefused
      ? [error.refusal, error.consumer]
      : error instanceof IdentityError
        ? [error, null]
        : [null, null];
  if (identity) {
    return {
      status: identity.status,
      code: ErrorCode[identity.code],
      message: identity.message,
      reason: identity.reason,
      outcome: 'refused',
      // RFC 6750 §3: a 401 names the scheme the client must use.
      headers: identity.status === 401 ? { 'www-authenticate': 'Bearer' } : {},
      consumer,
    };
  }
  return {
    status: 500,
    code: ErrorCode.INTERNAL_SERVER_ERROR,
    message: UNEXPECTED,
    reason: 'internal-server-error',
    outcome: 'failed',
    headers: {},
    consumer: null,
  };
}

/**
 * Answers a refused request with its status and code and the request id, and closes the
 * connection: the rest of an unread body is never read.
 */
export function sendRefusal(res: ServerResponse, refusal: Refusal, requestId: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(refusal.status, {
    ...refusal.headers,
    'content-type': 'application/json; charset=utf-8',
    connection: 'close',
  });
  res.end(refusalBody(refusal, requestId));
}

/** The JSON body of a refusal: one error with its code and the request id. */
export function refusalBody(refusal: Pick<Refusal, 'message' | 'code'>, requestId: string): string {
  return JSON.stringify({
    errors: [{ message: refusal.message, extensions: { code: refusal.code, requestId } }],
  });
}
