import { parse } from 'graphql';

/**
 * Whether a request may be sent again to another replica when the first one refused the
 * connection: GET and HEAD, and a POST to /graphql whose document holds only queries. A
 * mutation is never retried, even though a refused connection means it was never received.
 */
export function isIdempotent(method: string, body: Buffer): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  if (method !== 'POST') return false;
  try {
    const { query } = JSON.parse(body.toString('utf8')) as { query?: unknown };
    if (typeof query !== 'string') return false;
    return parse(query).definitions.every(
      (d) => d.kind !== 'OperationDefinition' || d.operation === 'query',
    );
  } catch {
    return false;
  }
}
