import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request the gateway refuses before GraphQL sees it; `status` is the HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Hands one HTTP request to Apollo Server and writes its answer (the standalone integration's job). */
export async function handleGraphQL<TContext extends object>(
  server: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  options: { maxBodyBytes: number; context: (rawBody: string) => Promise<TContext> },
): Promise<void> {
  const raw = await readBody(req, options.maxBodyBytes);
  const contextValue = await options.context(raw);
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = new URL(req.url ?? '/', 'http://gateway');
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    headers,
    search: url.search,
    body: parseBody(raw, headers.get('content-type')),
  };
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context: async () => contextValue,
  });
  res.statusCode = response.status ?? 200;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  if (contentType?.startsWith('application/json')) {
    try {
      return JSON.parse(raw);
    } catch (error) {
      throw new HttpError(400, `The request body is not valid JSON: ${(error as Error).message}.`);
    }
  }
  return raw;
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > limit) return; // already refused: discard the rest so the answer can be read
      size += chunk.length;
      if (size > limit) {
        reject(
          new HttpError(
            413,
            `The request body is larger than the ${limit} bytes allowed (MAX_BODY_BYTES).`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
