import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import type {
  GatewayExecutor,
  GatewayInterface,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import { GraphQLError, validate, type GraphQLSchema } from 'graphql';
import { ErrorCode } from '../../contracts/errors';
import type { GatewayContext } from '../context';
import type { Logger } from '../logger';
import { subgraphEndpoints, type SubgraphEndpoint } from '../supergraph';
import type { SupergraphHolder } from './holder';
import { checkSupergraph, type SupergraphParts } from './supergraph';
import { operationCounts, warmPlans, type OperationCounts } from './warm';

/** Apollo's gateway over the supergraph generations: each request runs on the one it was admitted under. */
export interface GenerationGateway extends GatewayInterface {
  /**
   * Checks and loads a supergraph, then swaps it in with the policy recompiled for it; throws,
   * the current generation serving on, when it cannot serve.
   */
  reload(supergraphSdl: string): Promise<void>;
  /** Where the current generation calls each subgraph. */
  endpoints(): readonly SubgraphEndpoint[];
}

interface Loaded {
  apollo: ApolloGateway;
  schema: GraphQLSchema;
  executor: GatewayExecutor;
  endpoints: readonly SubgraphEndpoint[];
  /** The operations it ran: the next generation plans the most run before it goes live. */
  counts: OperationCounts;
  stop(): Promise<void>;
}

/**
 * One Apollo gateway (query planner, subgraph services) per supergraph generation. A request
 * is planned and executed by the generation pinned in its context; an older generation is
 * dropped once no request holds it.
 */
export function generationGateway(options: {
  holder: SupergraphHolder;
  /** Per-subgraph URL overrides (by subgraph name), applied to every generation. */
  overrides: Readonly<Record<string, string>>;
  buildService(endpoint: SubgraphEndpoint): GraphQLDataSource;
  logger: Logger;
  /** How many of the serving generation's most run operations a new one plans before the swap. */
  warmOperations: number;
}): GenerationGateway {
  const { holder, logger } = options;
  // By classification: one object per supergraph checked, kept by every copy of its parts.
  const loaded = new WeakMap<SupergraphParts['classification'], Loaded>();
  const listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  let reloading: Promise<void> = Promise.resolve();

  const load = async (parts: SupergraphParts): Promise<Loaded> => {
    const endpoints = subgraphEndpoints(parts.supergraphSdl, options.overrides);
    const apollo = new ApolloGateway({
      supergraphSdl: parts.supergraphSdl,
      buildService: ({ name }) => options.buildService(endpoints.find((e) => e.name === name)!),
    });
    const { schema, executor } = await apollo.load();
    const generation: Loaded = {
      apollo,
      schema,
      executor,
      endpoints,
      counts: operationCounts(),
      stop: () => apollo.stop(),
    };
    loaded.set(parts.classification, generation);
    return generation;
  };

  const swapIn = async (supergraphSdl: string) => {
    try {
      const parts = checkSupergraph(supergraphSdl, logger);
      const next = await load(parts);
      const serving = loaded.get(holder.current().classification);
      const started = performance.now();
      const warmed = serving
        ? await warmPlans(next.apollo, serving.counts.top(options.warmOperations), logger)
        : 0;
      const warmMs = Math.round(performance.now() - started);
      // One step, no await: requests admitted from here on run on the new generation.
      holder.swap(parts, warmed);
      for (const listener of listeners)
        listener({ apiSchema: next.schema, coreSupergraphSdl: supergraphSdl });
      logger.info(
        {
          generation: holder.status().generation,
          subgraphs: next.endpoints.length,
          warmed,
          warmMs,
        },
        'supergraph generation live',
      );
    } catch (error) {
      const detail = (error as Error).message;
      holder.refused(detail);
      logger.error({ detail }, 'supergraph refused: the current generation keeps serving');
      throw error;
    }
  };

  const executor: GatewayExecutor = async (rc) => {
    const context = rc.context as GatewayContext;
    const generation = loaded.get(context.supergraph.classification);
    if (!generation) throw generationChanged();
    if (generation.schema !== rc.schema) {
      // A swap came between admission (policy and supergraph pinned) and Apollo's validation
      // (against the graph live then). The request runs on the generation it was admitted and
      // authorized under, if the operation is valid there too; else it is sent again.
      if (!rc.document || validate(generation.schema, rc.document).length > 0)
        throw generationChanged();
      generation.counts.count(rc);
      return generation.executor({ ...rc, schema: generation.schema });
    }
    generation.counts.count(rc);
    return generation.executor(rc);
  };

  return {
    async load() {
      const first = await load(holder.current());
      // Apollo Server takes its first schema from this notice, as from every later one.
      for (const listener of listeners)
        listener({ apiSchema: first.schema, coreSupergraphSdl: holder.current().supergraphSdl });
      return { schema: first.schema, executor };
    },
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    reload(supergraphSdl) {
      // One reload at a time, in the order asked.
      const run = reloading.then(() => swapIn(supergraphSdl));
      reloading = run.catch(() => undefined);
      return run;
    },
    endpoints: () => loaded.get(holder.current().classification)?.endpoints ?? [],
    async stop() {
      await loaded.get(holder.current().classification)?.stop();
    },
  };
}

function generationChanged(): GraphQLError {
  return new GraphQLError(
    'The graph was replaced while this request was being admitted; send it again.',
    {
      extensions: {
        code: ErrorCode.SUBGRAPH_UNAVAILABLE,
        // Retry-After: 0 tells a load balancer the request may be sent again at once.
        http: { status: 503, headers: new Map([['retry-after', '0']]) },
      },
    },
  );
}
