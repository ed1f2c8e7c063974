import type { IncomingMessage } from 'node:http';
import type { Session } from './session';

/** One GraphQL error as the gateway answers it (messages never hold personal values). */
export interface GraphError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

/** The graph refused or failed: the page shows why. */
export class GraphRefusal extends Error {
  constructor(
    readonly errors: GraphError[],
    readonly status: number,
  ) {
    super(errors.map((e) => e.message).join(' '));
  }
}

/** A console operation: one named operation, the name sent as operationName. */
export interface Operation {
  name: string;
  document: string;
}

/**
 * Sends one operation to the gateway that serves this request, as the signed-in official
 * with their purpose: the console is a consumer of the graph like any other, under the same
 * policies, and every call leaves its access record. The gateway is found at the local end
 * of the browser's own connection (never a Host header).
 */
export async function callGraph<T>(
  req: IncomingMessage,
  session: Session,
  operation: Operation,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(graphqlUrl(req), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${session.token}`,
      'x-purpose': session.purpose,
    },
    body: JSON.stringify({ query: operation.document, operationName: operation.name, variables }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: GraphError[] };
  if (body.errors?.length || !body.data) {
    throw new GraphRefusal(
      body.errors ?? [{ message: `The graph answered HTTP ${response.status}.` }],
      response.status,
    );
  }
  return body.data;
}

function graphqlUrl(req: IncomingMessage): string {
  const { localAddress, localPort } = req.socket;
  const host = (localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  return `http://${host.includes(':') ? `[${host}]` : host}:${localPort}/graphql`;
}
