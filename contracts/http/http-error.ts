import type { ErrorCode } from '../errors';

/** Why the HTTP layer refused a request, as its access record or security event names it. */
export type TransportRefusal =
  | 'method-not-allowed'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'body-timeout'
  | 'body-aborted'
  | 'body-not-utf8'
  | 'body-not-json'
  | 'body-not-object'
  | 'batch'
  | 'get-not-query'
  | 'headers-too-large'
  | 'headers-timeout'
  | 'malformed-http'
  | 'rate-limited';

/** A request the gateway (or a department) refuses before GraphQL sees it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly reason: TransportRefusal,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
