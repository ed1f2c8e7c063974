import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { ErrorCode } from '../../contracts/errors';
import type { RefusalRecords } from '../refusals';
import type { TransportRefusal } from '../../contracts/http/http-error';
import { refusalBody } from './refusal';

const ANSWERS: Record<string, [number, string, ErrorCode, TransportRefusal, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    ErrorCode.REQUEST_HEADERS_TOO_LARGE,
    'headers-too-large',
    'The request headers are larger than the gateway accepts (MAX_HEADER_BYTES).',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    ErrorCode.REQUEST_TIMEOUT,
    'headers-timeout',
    'The request did not arrive in time (BODY_DEADLINE_MS); send it whole, at once.',
  ],
};

const MALFORMED: [number, string, ErrorCode, TransportRefusal, string] = [
  400,
  'Bad Request',
  ErrorCode.BAD_REQUEST,
  'malformed-http',
  'The request is not well-formed HTTP/1.1.',
];

// The peer went away (reset, or closed mid-request): there is no one to answer.
const GONE = new Set(['ECONNRESET', 'HPE_INVALID_EOF_STATE']);

/**
 * Answers a request Node's HTTP parser refused before any handler saw it (headers too large,
 * too slow, malformed), with a code and a request id, and records it as a security event (no
 * consumer can be known). A peer that is gone is neither answered nor recorded.
 */
export function answerClientError(
  error: NodeJS.ErrnoException,
  socket: Duplex & { remoteAddress?: string; _httpMessage?: { headersSent?: boolean } },
  refusals: RefusalRecords,
): void {
  if (GONE.has(error.code ?? '') || !socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, statusText, code, reason, message] = ANSWERS[error.code ?? ''] ?? MALFORMED;
  const requestId = randomUUID();
  const body = refusalBody({ message, code }, requestId);
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\n` +
      'content-type: application/json; charset=utf-8\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      `x-request-id: ${requestId}\r\n` +
      'connection: close\r\n\r\n' +
      body,
  );
  const address = socket.remoteAddress ?? null;
  void refusals.record(
    {
      requestId,
      clientAddress: address?.startsWith('::ffff:') ? address.slice(7) : address,
      startedAt: Date.now(),
    },
    { reason, outcome: 'refused', consumer: null },
  );
}
