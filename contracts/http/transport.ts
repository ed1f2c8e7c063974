import type { IncomingMessage } from 'node:http';
import { Kind, parse } from 'graphql';
import { ErrorCode } from '../errors';
import { HttpError } from './http-error';

const ALLOW = { allow: 'GET, POST' };

/** Only GET and POST reach GraphQL; anything else is 405. */
export function checkMethod(req: IncomingMessage): 'GET' | 'POST' {
  const method = req.method?.toUpperCase();
  if (method === 'GET' || method === 'POST') return method;
  throw new HttpError(
    405,
    ErrorCode.METHOD_NOT_ALLOWED,
    `GraphQL is served over GET (queries) and POST, not ${printable(req.method)}.`,
    'method-not-allowed',
    ALLOW,
  );
}

/**
 * A POST body must be application/json (charset utf-8 if named): the content types a browser
 * sends cross-site without a preflight (text/plain, multipart/form-data,
 * application/x-www-form-urlencoded) and anything else are 415.
 */
export function checkContentType(req: IncomingMessage): void {
  const [type = '', ...params] = (req.headers['content-type'] ?? '').split(';');
  const charset = params
    .map((p) => p.trim().toLowerCase())
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/^"|"$/g, '');
  if (type.trim().toLowerCase() === 'application/json' && (!charset || charset === 'utf-8')) return;
  throw new HttpError(
    415,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    "A POST to /graphql must have 'content-type: application/json' (UTF-8) and one JSON object as its body.",
    'unsupported-media-type',
  );
}

/** The body of a POST: one JSON object. A batch (an array), a scalar or broken JSON is 400. */
export function parseBody(raw: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw badRequest('The request body is not valid JSON.', 'body-not-json');
  }
  if (Array.isArray(body))
    throw badRequest('Batched operations are not served; send one operation per request.', 'batch');
  if (body === null || typeof body !== 'object')
    throw badRequest(
      'The request body must be one JSON object: { "query": ..., "variables": ... }.',
      'body-not-object',
    );
  return body as Record<string, unknown>;
}

/** A GET may carry queries only: a document defining a mutation or subscription is 405, whatever operation is named. */
export function checkGetOperation(search: URLSearchParams): void {
  const query = search.get('query');
  if (!query) return;
  let operations: string[];
  try {
    operations = parse(query, { noLocation: true }).definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION ? [d.operation] : [],
    );
  } catch {
    return; // not a document: GraphQL refuses it with its own parse error
  }
  if (operations.every((operation) => operation === 'query')) return;
  throw new HttpError(
    405,
    ErrorCode.METHOD_NOT_ALLOWED,
    'A GET request may carry queries only; send mutations and subscriptions with POST.',
    'get-not-query',
    { allow: 'POST' },
  );
}

function badRequest(message: string, reason: 'body-not-json' | 'batch' | 'body-not-object') {
  return new HttpError(400, ErrorCode.BAD_REQUEST, message, reason);
}

// Method names are tokens; anything else is not echoed.
function printable(method: string | undefined): string {
  return method && /^[A-Za-z]{1,16}$/.test(method) ? method : 'that method';
}
