import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { ValidationRule } from 'graphql';
import type { GatewayContext } from './context';
import { maskError } from './errors';
import { DEFAULT_COST_SETTINGS, demandControlPlugin, type CostSettings } from './cost';
import {
  DEFAULT_DOCUMENT_SETTINGS,
  trustedDocumentsPlugin,
  type TrustedDocumentSettings,
} from './documents';
import { createSubgraphFetcher, type SubgraphClientOptions } from './fetcher';
import { DEFAULT_OPERATION_LIMITS, operationLimits, type OperationLimits } from './limits';
import { createUpstream, DEFAULT_UPSTREAM_SETTINGS, type UpstreamSettings } from './upstream';
import { grantQuotaPlugin, insuredQuotaCounts, type QuotaEvent } from './quota';
import {
  createRateLimiter,
  DEFAULT_RATE_LIMIT_SETTINGS,
  DEFAULT_REDIS_SETTINGS,
  type RateLimiter,
  type RateLimitSettings,
  type RedisSettings,
} from './rate';
import { openRedis, whenReady } from './redis';
import type { Logger } from './logger';
import type { NonPersonalOnOutage } from './plugins/access-records';
import type { RecordWriter } from '../records';
import { gatewayPlugins } from './plugins';
import { createRefusalRecords, type RefusalRecords } from './refusals';
import type { Security } from './security';
import { subgraphService } from './subgraph-service';
import { createTelemetry, type Telemetry, type TelemetrySettings } from './telemetry';
import { supergraphEndpoints, type SubgraphEndpoint } from './supergraph';
import { DEFAULT_WARM_OPERATIONS, generationGateway } from './generation';

/** What a gateway is made of. `startGateway` reads them from the config; tests and the bench build their own. */
export interface GatewayParts {
  /** Any Federation 2 supergraph SDL. */
  supergraphSdl: string;
  /** Per-subgraph URL overrides (by subgraph name) of the URLs written in the supergraph. */
  subgraphUrls?: Readonly<Record<string, string>>;
  security: Security;
  /** Where every operation's access record is committed before its response is released. */
  records: {
    writer: RecordWriter;
    nonPersonalOnOutage: NonPersonalOnOutage;
    /** How security events (refusals without a consumer) are coalesced; see createSecurityEventLog. */
    securityEvents?: { windowMs?: number; perWindow?: number };
  };
  logger: Logger;
  development?: boolean;
  client?: SubgraphClientOptions;
  /** Operation limits (default: DEFAULT_OPERATION_LIMITS); always on. */
  limits?: OperationLimits;
  /** Demand control (default: DEFAULT_COST_SETTINGS, enforced). */
  cost?: CostSettings;
  /** Timeouts, retry, breaker and bulkhead per subgraph (default: DEFAULT_UPSTREAM_SETTINGS). */
  upstream?: UpstreamSettings;
  /** Rate limits per caller, application and department (default: DEFAULT_RATE_LIMIT_SETTINGS). */
  rateLimits?: RateLimitSettings;
  /** Trusted documents: the applications' manifests and the default mode (default: none, off). */
  documents?: TrustedDocumentSettings;
  /** Where rates and grant quotas are shared between replicas (default: none, this process's memory). */
  redis?: RedisSettings;
  /** Told of every quota alert, exhaustion and refusal (metrics hook in here). */
  onQuotaEvent?: (event: QuotaEvent, grantId: string) => void;
  /**
   * The Apollo plugins, in order, given the limits', demand control's and quotas' own plugins.
   * Default: `gatewayPlugins`, every protection on.
   */
  plugins?: (built: BuiltPlugins) => ApolloServerPlugin<GatewayContext>[];
  /** Where the requests refused outside GraphQL are recorded. Default: the record writer. */
  refusals?: RefusalRecords;
  /**
   * The validation rules, given the operation limits' own (default: those alone). Like `plugins`
   * and `rateLimiter`, a composition part, not a setting: the config cannot reach it.
   */
  validationRules?: (limits: readonly ValidationRule[]) => ValidationRule[];
  /** Checks each caller's rate before the body is read (default: GCRA buckets from `rateLimits`). */
  rateLimiter?: RateLimiter;
  /** Metrics are always on; traces go to `telemetry.tracer` (default: off). */
  telemetry?: TelemetrySettings;
  /** Operations a new supergraph generation plans before it goes live (default: DEFAULT_WARM_OPERATIONS). */
  warmOperations?: number;
}

/** The plugins the composition root builds from the parts, for the plugin list to place. */
export interface BuiltPlugins {
  limits: ApolloServerPlugin<GatewayContext>;
  cost: ApolloServerPlugin<GatewayContext>;
  /** The metrics and tracer the plugins report to. */
  telemetry: Telemetry;
  quota: ApolloServerPlugin<GatewayContext>;
  /** Trusted documents per application (gateway/documents). */
  documents: ApolloServerPlugin<GatewayContext>;
}

export interface Gateway {
  server: ApolloServer<GatewayContext>;
  security: Security;
  records: RecordWriter;
  /** Where the requests refused outside GraphQL are recorded. */
  refusals: RefusalRecords;
  /** Where the current generation calls each subgraph, overrides applied. */
  readonly endpoints: readonly SubgraphEndpoint[];
  /**
   * Checks and loads a new supergraph and swaps it in (requests in flight finish on theirs);
   * rejects, the current one serving on, when it cannot serve.
   */
  reloadSupergraph(supergraphSdl: string): Promise<void>;
  /** The metrics /metrics serves and the tracer of the operations' spans. */
  telemetry: Telemetry;
  /** Checked by the HTTP layer once the caller is known, before the body is read. */
  rateLimiter: RateLimiter;
  stop(): Promise<void>;
}

/**
 * The gateway's one composition root: the Apollo gateway over the supergraph generations (no
 * uplink; `reloadSupergraph` swaps one in), its subgraph services, its plugins and its refusal
 * records, started.
 */
export async function composeGateway(parts: GatewayParts): Promise<Gateway> {
  const { security, logger } = parts;
  const client = createSubgraphFetcher(parts.client);
  const upstream = createUpstream(parts.upstream ?? DEFAULT_UPSTREAM_SETTINGS);
  // Air-gapped networks: @apollo/gateway otherwise probes cloud metadata addresses and sends
  // usage metrics to Apollo's endpoint from its constructor. Nothing leaves the machine.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = generationGateway({
    holder: security.supergraph,
    overrides: parts.subgraphUrls ?? {},
    buildService: ({ name, url }) =>
      subgraphService({
        name,
        url,
        fetcher: client.fetcher,
        upstream,
        security,
        logger,
        telemetry,
      }),
    logger,
    warmOperations: parts.warmOperations ?? DEFAULT_WARM_OPERATIONS,
  });
  const telemetry = createTelemetry({
    departments: supergraphEndpoints(parts.supergraphSdl).map((e) => e.name),
    ...parts.telemetry,
  });
  telemetry.metrics.watchBreakers(() => upstream.breakerStates());
  telemetry.metrics.watchRecords(parts.records.writer);
  const limits = operationLimits(parts.limits ?? DEFAULT_OPERATION_LIMITS, (kind) =>
    telemetry.metrics.refused('limits', kind),
  );
  const redisSettings = parts.redis ?? DEFAULT_REDIS_SETTINGS;
  const redis = openRedis(redisSettings, logger);
  await whenReady(redis);
  const rateLimiter =
    parts.rateLimiter ??
    createRateLimiter({
      settings: parts.rateLimits ?? DEFAULT_RATE_LIMIT_SETTINGS,
      redis,
      prefix: redisSettings.prefix,
    });
  const built: BuiltPlugins = {
    quota: grantQuotaPlugin({
      quotasOf: (context) => context.policy.engine.quotas,
      counts: insuredQuotaCounts(redis),
      prefix: redisSettings.prefix,
      logger,
      onEvent: (event, grantId) => {
        // Bounded labels: the event kind only, never the grant or the official.
        if (event === 'refused') telemetry.metrics.refused('quota', 'grant-quota-exceeded');
        parts.onQuotaEvent?.(event, grantId);
      },
    }),
    limits: limits.plugin,
    documents: trustedDocumentsPlugin(parts.documents ?? DEFAULT_DOCUMENT_SETTINGS, {
      logger,
      onUnlisted: (mode) => {
        telemetry.metrics.unlistedDocument(mode);
        if (mode === 'enforce') telemetry.metrics.refused('documents', 'persisted-query-not-found');
      },
    }),
    cost: demandControlPlugin(
      (context) => context.supergraph.costDirectives,
      parts.cost ?? DEFAULT_COST_SETTINGS,
      () => telemetry.metrics.refused('cost', 'estimated-too-expensive'),
    ),
    telemetry,
  };
  const server = new ApolloServer<GatewayContext>({
    gateway,
    parseOptions: limits.parseOptions,
    validationRules: parts.validationRules
      ? parts.validationRules(limits.validationRules)
      : limits.validationRules,
    plugins: parts.plugins
      ? parts.plugins(built)
      : gatewayPlugins({ logger, security, records: parts.records, ...built }),
    // Introspection is answered per consumer from the schema its grants open (authorization/
    // introspection.ts); Apollo's own default would refuse it whenever NODE_ENV=production.
    introspection: true,
    formatError: maskError(parts.development ?? false),
    includeStacktraceInErrorResponses: parts.development ?? false,
    // The process owner (npm start, the tests) stops servers in order; Apollo must not exit on its own.
    stopOnTerminationSignals: false,
  });
  await server.start();
  const refusals =
    parts.refusals ??
    createRefusalRecords({
      writer: parts.records.writer,
      logger,
      securityEvents: parts.records.securityEvents,
    });
  return {
    server,
    security,
    records: parts.records.writer,
    refusals,
    get endpoints() {
      return gateway.endpoints();
    },
    reloadSupergraph: (supergraphSdl) => gateway.reload(supergraphSdl),
    telemetry,
    rateLimiter,
    stop: async () => {
      await server.stop();
      await refusals.close();
      await client.close();
      if (redis?.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis?.disconnect();
    },
  };
}
