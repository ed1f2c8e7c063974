import { loadDepartment } from '../../subgraphs';
import { Database, schemaName, startSubgraph } from '../../subgraphs/kit';
import { testDatabaseUrl } from './database';
import type { GraphQLResponse } from './federation';

export interface OneSubgraph {
  url: string;
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
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
  const running = await startSubgraph(department, db, { port: 0 });
  return {
    url: running.url,
    query: async (query, variables) => {
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
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
