import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, type BodyLimits } from './body';
import { checkContentType, checkGetOperation, checkMethod, parseBody } from './transport';

/**
 * Hands one HTTP request to Apollo Server and writes its answer; returns the status sent.
 * Before GraphQL sees it, the request must be a GET of queries or a POST of one JSON object
 * (application/json, UTF-8), its body complete within the limits: anything else throws an
 * HttpError, and nothing is written (the caller answers).
 */
export async function handleGraphQL<TContext extends object>(
  server: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  options: BodyLimits & { context: (rawBody: string) => Promise<TContext> },
): Promise<number> {
  const method = checkMethod(req);
  if (method === 'POST') checkContentType(req);
  const raw = await readBody(req, options);
  const url = new URL(req.url ?? '/', 'http://gateway');
  const body = method === 'POST' ? parseBody(raw) : undefined;
  if (method === 'GET') checkGetOperation(url.searchParams);
  const contextValue = await options.context(raw);
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const httpGraphQLRequest: HTTPGraphQLRequest = { method, headers, search: url.search, body };
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context: async () => contextValue,
  });
  res.statusCode = response.status ?? 200;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return res.statusCode;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
  return res.statusCode;
}
