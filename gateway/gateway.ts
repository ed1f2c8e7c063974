import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { packPolicyRules } from '../policies';
import { ErrorCode } from '../schema/errors';
import type { GatewayContext } from './context';
import { maskError } from './errors';
import { createSubgraphFetcher, type SubgraphClientOptions } from './fetcher';
import { DEFAULT_OPERATION_LIMITS, operationLimits, type OperationLimits } from './limits';
import { createUpstream, DEFAULT_UPSTREAM_SETTINGS, type UpstreamSettings } from './upstream';
import {
  DEFAULT_COST_SETTINGS,
  demandControlPlugin,
  readCostDirectives,
  type CostSettings,
} from './cost';
import type { Logger } from './logger';
import type { NonPersonalOnOutage } from './plugins/access-records';
import type { RecordWriter } from './records';
import { gatewayPlugins } from './plugins';
import { createRefusalRecords, NO_REFUSAL_RECORDS, type RefusalRecords } from './refusals';
import type { Security } from './security';
import { CONTEXT_HEADER, SUBJECTS_EXTENSION, type ContextClaims } from './subgraph-context';
import { supergraphEndpoints, type SubgraphEndpoint } from './supergraph';

export interface GatewayOptions {
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
}

export interface Gateway {
  server: ApolloServer<GatewayContext>;
  security: Security;
  records: RecordWriter;
  /** Where the requests refused outside GraphQL are recorded. */
  refusals: RefusalRecords;
  /** Where each subgraph is called, overrides applied. */
  endpoints: readonly SubgraphEndpoint[];
  stop(): Promise<void>;
}

// Hands the unsigned claims from willSendRequest to the fetcher, which signs them with the
// exact body; it never leaves the process (the fetcher removes it).
const CLAIMS_HEADER = 'x-gateway-context-claims';

// Benchmarks only (BENCHMARK_DISABLE=policy): departments are told every row is readable.
const READ_ALL = packPolicyRules([{ action: 'read', subject: 'all' }]);

/** Builds and starts the Apollo gateway over a static supergraph (no polling, no uplink). */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { security, logger } = options;
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
  const upstream = createUpstream(options.upstream ?? DEFAULT_UPSTREAM_SETTINGS);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: overrides[name] ?? url,
        fetcher: upstream.wrap(name, signingFetcher(name, client.fetcher, security, logger)),
        willSendRequest({ request, context }) {
          const { rules, borrowedRules } = security.disabled.has('policy')
            ? { rules: READ_ALL, borrowedRules: [] }
            : rulesFor(security, context as GatewayContext, name);
          const claims: Omit<ContextClaims, 'bodyHash'> = {
            consumer: context.consumer,
            purpose: context.purpose,
            caseNumber: context.caseNumber,
            requestId: context.requestId,
            rules,
            borrowedRules,
          };
          (context as GatewayContext).departmentsCalled.add(name);
          request.http?.headers.set(CLAIMS_HEADER, JSON.stringify(claims));
          request.http?.headers.set('x-request-id', context.requestId);
        },
        didReceiveResponse({ response, context }) {
          takeSubjects(response, context as GatewayContext, name, logger);
          return response;
        },
      }),
  });
  const limits = operationLimits(options.limits ?? DEFAULT_OPERATION_LIMITS);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    plugins: gatewayPlugins({
      logger,
      security,
      records: options.records,
      limits: limits.plugin,
      cost: demandControlPlugin(
        readCostDirectives(options.supergraphSdl),
        options.cost ?? DEFAULT_COST_SETTINGS,
      ),
    }),
    formatError: maskError(options.development ?? false),
    includeStacktraceInErrorResponses: options.development ?? false,
    // The process owner (npm start, the tests) stops servers in order; Apollo must not exit on its own.
    stopOnTerminationSignals: false,
  });
  await server.start();
  const refusals = security.disabled.has('records')
    ? NO_REFUSAL_RECORDS
    : createRefusalRecords({
        writer: options.records.writer,
        logger,
        securityEvents: options.records.securityEvents,
      });
  return {
    server,
    security,
    records: options.records.writer,
    refusals,
    endpoints,
    stop: async () => {
      await server.stop();
      await refusals.close();
      await client.close();
    },
  };
}

/** Signs every call's context with its exact body; an unsigned call is never sent. */
function signingFetcher(
  name: string,
  fetcher: Fetcher,
  security: Security,
  logger: Logger,
): Fetcher {
  return async (target, init = {}) => {
    const headers = { ...init.headers };
    const claims = headers[CLAIMS_HEADER];
    delete headers[CLAIMS_HEADER];
    if (!claims || typeof init.body !== 'string') {
      throw new GraphQLError('A subgraph call without a caller context was refused.', {
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
      });
    }
    headers[CONTEXT_HEADER] = await security.signContext(name, JSON.parse(claims), init.body);
    return fetcher(target, { ...init, headers }).catch((error: unknown) => {
      logger.warn({ subgraph: name, err: error }, 'subgraph did not answer');
      throw new GraphQLError(`The ${name} subgraph did not answer; try again later.`, {
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, http: { status: 502 } },
      });
    });
  };
}

/** The `subjects` a subgraph may report in one response: more is refused as malformed. */
export const MAX_SUBJECTS_PER_RESPONSE = 100_000;
const SUBJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Moves the persons a subgraph reports disclosing (`extensions.subjects`) into the request's
 * context, for its access record; the client never sees them. A malformed report fails the
 * call (fail closed): data whose subjects cannot be recorded is not released. The report is
 * judged whole before any id is taken, so a bad one leaves nothing behind for later calls.
 */
export function takeSubjects(
  response: { extensions?: unknown },
  context: GatewayContext,
  subgraph: string,
  logger: Logger,
): void {
  const extensions = response.extensions;
  if (extensions === undefined || extensions === null) return;
  const reported = isRecord(extensions)
    ? Object.hasOwn(extensions, SUBJECTS_EXTENSION)
      ? extensions[SUBJECTS_EXTENSION]
      : undefined
    : MALFORMED;
  if (reported === undefined) return;
  if (isRecord(extensions)) delete extensions[SUBJECTS_EXTENSION];
  if (!isSubjectList(reported)) {
    logger.error({ subgraph, requestId: context.requestId }, 'malformed subjects report');
    throw new GraphQLError(
      `The ${subgraph} subgraph reported the persons it disclosed in a malformed way; its data is withheld.`,
      { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } },
    );
  }
  for (const id of reported) context.subjects.add(id);
}

interface DepartmentRules {
  rules: unknown[];
  borrowedRules: unknown[];
}
const MALFORMED = Symbol('malformed');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSubjectList(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length <= MAX_SUBJECTS_PER_RESPONSE &&
    value.every((id) => typeof id === 'string' && SUBJECT_ID.test(id))
  );
}

const packedRules = new WeakMap<object, Map<string, DepartmentRules>>();

/**
 * The packed rules a department enforces for this consumer and purpose (its own, and the
 * owners' rules for the fields it borrows), computed once per ability.
 */
function rulesFor(security: Security, context: GatewayContext, subgraph: string): DepartmentRules {
  const ability = security.engine.abilityFor(context.consumer, context.purpose);
  let bySubgraph = packedRules.get(ability);
  if (!bySubgraph) packedRules.set(ability, (bySubgraph = new Map()));
  let rules = bySubgraph.get(subgraph);
  if (!rules) {
    rules = {
      rules: ability.rulesFor(security.typesBySubgraph.get(subgraph) ?? [], subgraph),
      borrowedRules: ability.borrowedRulesFor(
        security.borrowedBySubgraph.get(subgraph) ?? new Map(),
        subgraph,
      ),
    };
    bySubgraph.set(subgraph, rules);
  }
  return rules;
}
