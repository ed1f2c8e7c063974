import { loadDepartment } from '../../subgraphs';
import { Database, schemaName, startSubgraph } from '../../subgraphs/kit';
import { contextKeys, signedHeaders } from './context';
import { testDatabaseUrl } from './database';
import type { GraphQLResponse } from './federation';

export interface OneSubgraph {
  url: string;
  /** Calls the department directly, with a context signed as the gateway would (`rules`: packed CASL rules; default: read everything). */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    rules?: unknown[],
  ): Promise<GraphQLResponse<T>>;
  /** SQL statements this department has sent so far. */
  statements(): number;
  stop(): Promise<void>;
}

/** One department subgraph alone over the test database, called directly (no gateway). */
export async function startOneSubgraph(name: string): Promise<OneSubgraph> {
  const department = loadDepartment(name);
  const db = new Database({
    url: testDatabaseUrl(),
    schema: schemaName(department),
    maxConnections: 4,
  });
  const running = await startSubgraph(department, db, {
    port: 0,
    contextKey: contextKeys.publicKey,
  });
  return {
    url: running.url,
    query: async (query, variables, rules) => {
      const body = JSON.stringify({ query, variables });
      const response = await fetch(running.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(await signedHeaders(name, body, rules)),
        },
        body,
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    statements: () => db.statements,
    stop: async () => {
      await running.stop();
      await db.close();
    },
  };
}

/**
 * Resolves representations through `_entities` with `selection`, checking the answer has no
 * errors (with `denied`: only FORBIDDEN ones, for what the rules do not open); returns the
 * entities and the SQL statements the call cost.
 */
export async function lookupEntities<T>(
  subgraph: OneSubgraph,
  representations: readonly Record<string, string>[],
  selection: string,
  rules?: unknown[],
  denied = false,
): Promise<{ entities: T[]; statements: number }> {
  const before = subgraph.statements();
  const response = await subgraph.query<{ _entities: T[] }>(
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`,
    { representations },
    rules,
  );
  if (denied) for (const e of response.errors ?? []) expect(e.extensions?.code).toBe('FORBIDDEN');
  else expect(response.errors).toBeUndefined();
  return { entities: response.data!._entities, statements: subgraph.statements() - before };
}
