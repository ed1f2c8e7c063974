import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Database } from './database';
import type { Department, DepartmentContext } from './department';

export interface RunningSubgraph {
  name: string;
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4005/graphql. */
  url: string;
  stop(): Promise<void>;
}

/** Builds the department's Apollo subgraph server (not yet listening). */
export function createSubgraphServer<L>(
  department: Department<L>,
): ApolloServer<DepartmentContext<L>> {
  return new ApolloServer<DepartmentContext<L>>({
    schema: buildSubgraphSchema({
      typeDefs: department.typeDefs,
      resolvers: department.resolvers as GraphQLResolverMap<unknown>,
    }),
    // Air-gapped networks: no landing page fetched from a CDN, nothing reported anywhere.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
    ],
    includeStacktraceInErrorResponses: false,
    // The process owner (npm start, the tests) stops servers in order; Apollo must not exit on its own.
    stopOnTerminationSignals: false,
  });
}

/** Serves a department on 127.0.0.1 (port 0 picks a free one). */
export async function startSubgraph<L>(
  department: Department<L>,
  db: Database,
  options: { port: number; host?: string },
): Promise<RunningSubgraph> {
  const server = createSubgraphServer(department);
  const { url } = await startStandaloneServer(server, {
    listen: { port: options.port, host: options.host ?? '127.0.0.1' },
    context: async () => ({ db, loaders: department.createLoaders(db) }),
  });
  return {
    name: department.name,
    url: new URL('/graphql', url).toString(),
    stop: () => server.stop(),
  };
}
