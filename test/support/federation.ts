import type { Tracer } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openRecordsStore, type RecordsStoreOptions } from '../../records/store';
import { composeGateway } from '../../gateway/compose';
import { listen, type PageHandler } from '../../gateway/http/server';
import { createLogger } from '../../gateway/logger';
import { SUPERGRAPH_PATH } from '../../schema';
import { loadDepartments } from '../../subgraphs';
import { Database, schemaName, startSubgraph, type RunningSubgraph } from '../../subgraphs/kit';
import { contextKeys } from './context';
import { testDatabaseUrl } from './database';
import { testSecurity } from './security';
import type { EnforcementMode } from '../../gateway/authorization/plugin';
import type { PolicySet } from '../../policies';
import type { PolicyHolder } from '../../gateway/live-policy';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../../gateway/limits';
import { DEFAULT_COST_SETTINGS, type CostSettings } from '../../gateway/cost';
import { DEFAULT_UPSTREAM_SETTINGS, type UpstreamSettings } from '../../gateway/upstream';
import {
  DEFAULT_RATE_LIMIT_SETTINGS,
  DEFAULT_REDIS_SETTINGS,
  type RateLimitSettings,
  type RedisSettings,
} from '../../gateway/rate';
import type { QuotaEvent } from '../../gateway/quota';
import type { Logger } from '../../gateway/logger';
import type { TrustedDocumentSettings } from '../../gateway/documents';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface Federation {
  /** Gateway base URL. */
  url: string;
  subgraphs: readonly RunningSubgraph[];
  /** Posts an operation to the gateway's /graphql. */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** Posts any JSON body to the gateway's /graphql (operationName, batches, odd shapes). */
  post<T = Record<string, unknown>>(
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** This federation's access-record stream (its own hash chain in the test database). */
  streamId: string;
  /** SQL statements all departments have sent so far. */
  statements(): number;
  stop(): Promise<void>;
  /** Swaps in another supergraph while serving (as SIGHUP does); rejects when it is refused. */
  reloadSupergraph(supergraphSdl: string): Promise<void>;
  /** Notes a supergraph source that failed (as a failed SUPERGRAPH_URL fetch does): /readyz degraded. */
  supergraphRefused(detail: string): void;
  /** The gateway's /readyz body. */
  readiness(): Promise<Record<string, unknown>>;
  /** The gateway's graceful shutdown (drain, finish in flight, flush records), then stop() the rest. */
  shutdown(timing: { drainMs: number; deadlineMs: number }): Promise<{ cutAtDeadline: number }>;
}

const UNTHROTTLED: RateLimitSettings = {
  ...DEFAULT_RATE_LIMIT_SETTINGS,
  official: 1_000_000,
  application: 1_000_000,
  department: 1_000_000,
};

/** The real federation in-process: every department subgraph and the gateway on ephemeral ports. */
export async function startFederation(
  options: {
    mode?: EnforcementMode;
    allowAnonymous?: boolean;
    nonPersonalOnOutage?: 'serve' | 'withhold';
    /** Where access records go (default: the test database). */
    recordsUrl?: string;
    /** Record store deadlines (default: the gateway's). */
    recordsDeadlines?: Pick<
      RecordsStoreOptions,
      'appendTimeoutMs' | 'probeIntervalMs' | 'connectTimeoutMs'
    >;
    /** Transport limits (default: the gateway's). */
    http?: { maxBodyBytes?: number; bodyDeadlineMs?: number; maxHeaderBytes?: number };
    /** How security events are coalesced (default: the gateway's). */
    securityEvents?: { windowMs?: number; perWindow?: number };
    maxTokenBytes?: number;
    /** Another supergraph (default: the committed one), and the policies it is read under. */
    supergraphSdl?: string;
    policies?: PolicySet | PolicyHolder;
    /** Departments already running (another federation's): served, not started or stopped here. */
    departments?: readonly RunningSubgraph[];
    /** The revocation watermark the departments started here enforce. */
    minRevision?: () => number;
    /** Subgraphs the test serves itself (name → URL), beside the nine departments. */
    extraSubgraphs?: Readonly<Record<string, string>>;
    /** Operation limits (default: the gateway's). */
    limits?: Partial<OperationLimits>;
    /** Demand control (default: the gateway's). */
    cost?: Partial<CostSettings>;
    /** Calls to the subgraphs (default: the gateway's). */
    upstream?: Partial<UpstreamSettings>;
    /** Where the gateway calls a subgraph, given where it runs (e.g. through a slow proxy). */
    route?: (subgraph: string, url: string) => string;
    /** The landing page and other non-GraphQL routes (default: none). */
    pages?: PageHandler;
    /** Where the gateway's and the departments' spans go (default: tracing off). */
    tracer?: Tracer;
    /** Operation names a metric label may hold (default: none). */
    operationNames?: string[];
    /** Rate limits (default: high enough that no other test is throttled; the rate-limit tests set theirs). */
    rateLimits?: Partial<RateLimitSettings>;
    /** The Redis rates and quotas are shared in (default: none, the gateway's memory). */
    redis?: Partial<RedisSettings>;
    /** The gateway's logger (default: silent). */
    logger?: Logger;
    onQuotaEvent?: (event: QuotaEvent, grantId: string) => void;
    /** Trusted documents: manifests and default mode (default: none, off). */
    documents?: TrustedDocumentSettings;
  } = {},
): Promise<Federation> {
  const url = testDatabaseUrl();
  const databases: Database[] = [];
  const subgraphs: RunningSubgraph[] = [];
  for (const department of options.departments ? [] : loadDepartments()) {
    const db = new Database({ url, schema: schemaName(department), maxConnections: 4 });
    databases.push(db);
    subgraphs.push(
      await startSubgraph(department, db, {
        port: 0,
        contextKey: contextKeys.publicKey,
        tracer: options.tracer,
        minRevision: options.minRevision,
      }),
    );
  }
  const served = options.departments ?? subgraphs;
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8');
  const streamId = `test-${randomUUID()}`;
  const records = await openRecordsStore({
    url: options.recordsUrl ?? url,
    streamId,
    logger: createLogger('silent'),
    ...options.recordsDeadlines,
  });
  const gateway = await composeGateway({
    supergraphSdl,
    records: {
      writer: records.writer,
      nonPersonalOnOutage: options.nonPersonalOnOutage ?? 'serve',
      securityEvents: options.securityEvents,
    },
    security: await testSecurity(supergraphSdl, options),
    subgraphUrls: {
      ...Object.fromEntries(served.map((s) => [s.name, options.route?.(s.name, s.url) ?? s.url])),
      ...options.extraSubgraphs,
    },
    logger: options.logger ?? createLogger('silent'),
    limits: { ...DEFAULT_OPERATION_LIMITS, ...options.limits },
    cost: { ...DEFAULT_COST_SETTINGS, ...options.cost },
    upstream: { ...DEFAULT_UPSTREAM_SETTINGS, ...options.upstream },
    telemetry: { tracer: options.tracer, operationNames: options.operationNames },
    rateLimits: { ...UNTHROTTLED, ...options.rateLimits },
    redis: { ...DEFAULT_REDIS_SETTINGS, ...options.redis },
    onQuotaEvent: options.onQuotaEvent,
    documents: options.documents,
  });
  const http = await listen(gateway, {
    port: 0,
    host: '127.0.0.1',
    maxBodyBytes: 1_000_000,
    readinessTimeoutMs: 2_000,
    ...options.http,
    logger: createLogger('silent'),
    pages: options.pages,
  });
  const post = async <T>(body: unknown, headers?: Record<string, string>) => {
    const response = await fetch(`${http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      ...((await response.json()) as object),
    } as GraphQLResponse<T>;
  };
  return {
    url: http.url,
    subgraphs: served,
    streamId,
    query: (query, variables, headers) => post({ query, variables }, headers),
    post,
    reloadSupergraph: (sdl) => gateway.reloadSupergraph(sdl),
    supergraphRefused: (detail) => gateway.security.supergraph.refused(detail),
    readiness: async () =>
      (await (await fetch(`${http.url}/readyz`)).json()) as Record<string, unknown>,
    statements: () => databases.reduce((sum, db) => sum + db.statements, 0),
    stop: async () => {
      await http.close();
      await release();
    },
    shutdown: async (timing) => {
      const report = await http.shutdown(timing);
      await release();
      return report;
    },
  };
  async function release() {
    await gateway.stop();
    await records.close();
    await Promise.all(subgraphs.map((s) => s.stop()));
    await Promise.all(databases.map((db) => db.close()));
  }
}
