import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../schema/errors';
import type { GatewayContext } from './context';
import { maskError } from './errors';
import { createSubgraphFetcher, type SubgraphClientOptions } from './fetcher';
import type { Logger } from './logger';
import { gatewayPlugins } from './plugins';
import { supergraphEndpoints, type SubgraphEndpoint } from './supergraph';

export interface GatewayOptions {
  /** Any Federation 2 supergraph SDL. */
  supergraphSdl: string;
  /** Per-subgraph URL overrides (by subgraph name) of the URLs written in the supergraph. */
  subgraphUrls?: Readonly<Record<string, string>>;
  logger: Logger;
  development?: boolean;
  client?: SubgraphClientOptions;
}

export interface Gateway {
  server: ApolloServer<GatewayContext>;
  /** Where each subgraph is called, overrides applied. */
  endpoints: readonly SubgraphEndpoint[];
  stop(): Promise<void>;
}

/** Builds and starts the Apollo gateway over a static supergraph (no polling, no uplink). */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const overrides = options.subgraphUrls ?? {};
  const declared = supergraphEndpoints(options.supergraphSdl);
  const unknown = Object.keys(overrides).filter((name) => !declared.some((e) => e.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `Subgraph URL overrides name ${unknown.join(', ')}, which the supergraph does not have ` +
        `(it has ${declared.map((e) => e.name).join(', ')}).`,
    );
  }
  const endpoints = declared.map((e) => ({ name: e.name, url: overrides[e.name] ?? e.url }));
  const client = createSubgraphFetcher(options.client);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: overrides[name] ?? url,
        fetcher: (target, init) =>
          client.fetcher(target, init).catch((error: unknown) => {
            options.logger.warn({ subgraph: name, err: error }, 'subgraph did not answer');
            throw new GraphQLError(`The ${name} subgraph did not answer; try again later.`, {
              extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, http: { status: 502 } },
            });
          }),
        willSendRequest({ request, context }) {
          if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
        },
      }),
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    plugins: gatewayPlugins({ logger: options.logger }),
    formatError: maskError(options.development ?? false),
    includeStacktraceInErrorResponses: options.development ?? false,
    // The process owner (npm start, the tests) stops servers in order; Apollo must not exit on its own.
    stopOnTerminationSignals: false,
  });
  await server.start();
  return {
    server,
    endpoints,
    stop: async () => {
      await server.stop();
      await client.close();
    },
  };
}
