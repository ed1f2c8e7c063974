import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../errors';
import { HttpError } from './http-error';

/** Limits on reading one request body. */
export interface BodyLimits {
  /** Largest body in bytes (MAX_BODY_BYTES); a larger one is 413, refused from Content-Length when it says so. */
  maxBytes: number;
  /** Milliseconds the body has to arrive whole, counted from the headers (BODY_DEADLINE_MS); later is 408. */
  deadlineMs: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a request body within its limits and decodes it as UTF-8 (invalid bytes are refused,
 * never replaced). A slow client cannot hold the connection past the deadline.
 */
export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (declared > limits.maxBytes) return Promise.reject(tooLarge(limits.maxBytes));
  // An error after the body was refused (a reset) must not go unhandled and end the process.
  req.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      stop();
      reject(
        new HttpError(
          408,
          ErrorCode.REQUEST_TIMEOUT,
          `The request body did not arrive within ${limits.deadlineMs} ms (BODY_DEADLINE_MS); send it whole, at once.`,
          'body-timeout',
        ),
      );
    }, limits.deadlineMs);
    const stop = () => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('aborted', onAbort);
      req.pause();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) {
        stop();
        reject(tooLarge(limits.maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      try {
        resolve(utf8.decode(Buffer.concat(chunks)));
      } catch {
        reject(
          new HttpError(
            400,
            ErrorCode.BAD_REQUEST,
            'The request body is not valid UTF-8; send JSON encoded as UTF-8.',
            'body-not-utf8',
          ),
        );
      }
    };
    const onAbort = () => {
      stop();
      reject(
        new HttpError(
          400,
          ErrorCode.BAD_REQUEST,
          'The request body was cut off before it ended.',
          'body-aborted',
        ),
      );
    };
    req.on('data', onData).on('end', onEnd).on('aborted', onAbort);
  });
}

function tooLarge(max: number): HttpError {
  return new HttpError(
    413,
    ErrorCode.PAYLOAD_TOO_LARGE,
    `The request body is larger than the ${max} bytes allowed (MAX_BODY_BYTES).`,
    'payload-too-large',
  );
}
