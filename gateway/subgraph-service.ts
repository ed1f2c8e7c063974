import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../contracts/errors';
import { CONTEXT_HEADER, type ContextClaims } from '../contracts/subgraph-context';
import { traceparentOf } from '../contracts/tracing';
import type { GatewayContext } from './context';
import type { Logger } from './logger';
import { childSpan, type Telemetry } from './telemetry';
import type { Security } from './security';
import type { Upstream } from './upstream';
import { takeSubjects } from './subjects';

// Hands the unsigned claims from willSendRequest to the fetcher, which signs them with the
// exact body; it never leaves the process (the fetcher removes it).
const CLAIMS_HEADER = 'x-gateway-context-claims';

/**
 * The data source of one department: every call carries the request id and a context signed
 * for that department and that body; the persons it reports are moved into the record.
 */
export function subgraphService(options: {
  name: string;
  url: string;
  fetcher: Fetcher;
  /** Timeout, retry, breaker and bulkhead around the call; a retry is signed again. */
  upstream: Upstream;
  security: Security;
  logger: Logger;
  /** Each call's span (the department continues it) and duration. */
  telemetry: Telemetry;
}): RemoteGraphQLDataSource<GatewayContext> {
  const { name, security, logger, telemetry } = options;
  const spans = new WeakMap<object, Span>();
  const endSpan = (http: object | undefined, code?: unknown) => {
    const span = http && spans.get(http);
    if (!http || !span) return;
    spans.delete(http);
    if (code !== undefined) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute('gateway.error.code', typeof code === 'string' ? code : 'unknown');
    }
    span.end();
  };
  return new RemoteGraphQLDataSource<GatewayContext>({
    url: options.url,
    fetcher: timedFetcher(
      name,
      options.upstream.wrap(name, signingFetcher(name, options.fetcher, security, logger)),
      telemetry,
    ),
    willSendRequest({ request, context }) {
      const gatewayContext = context as GatewayContext;
      const span = childSpan(telemetry, gatewayContext, `subgraph ${name}`, {
        kind: SpanKind.CLIENT,
        attributes: { 'graphql.subgraph.name': name },
      });
      // Apollo copies the request between hooks; its `http` part is the same object throughout.
      if (request.http) spans.set(request.http, span);
      const { rules, borrowedRules } = gatewayContext.supergraph.departmentRules(
        gatewayContext,
        name,
      );
      const claims: Omit<ContextClaims, 'bodyHash'> = {
        consumer: gatewayContext.consumer,
        purpose: gatewayContext.purpose,
        caseNumber: gatewayContext.caseNumber,
        requestId: gatewayContext.requestId,
        rules,
        borrowedRules,
        traceparent: traceparentOf(span),
        revision: gatewayContext.policyRevision,
        failClosed: gatewayContext.policy.failClosed,
      };
      gatewayContext.departmentsCalled.add(name);
      request.http?.headers.set(CLAIMS_HEADER, JSON.stringify(claims));
      request.http?.headers.set('x-request-id', gatewayContext.requestId);
    },
    didReceiveResponse({ request, response, context }) {
      endSpan(request.http, response.errors?.[0]?.extensions?.code);
      takeSubjects(response, context as GatewayContext, name, logger);
      return response;
    },
    didEncounterError(error, _fetchRequest, _fetchResponse, context, request) {
      (context as GatewayContext | undefined)?.departmentsFailed.add(name);
      endSpan(request?.http, error instanceof GraphQLError ? error.extensions.code : undefined);
      throw error;
    },
  });
}

/** Times every call (retry included) for /metrics, by outcome: 'ok', an error code, or the HTTP status. */
function timedFetcher(name: string, fetcher: Fetcher, telemetry: Telemetry): Fetcher {
  return async (target, init) => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const response = await fetcher(target, init);
      telemetry.metrics.subgraphCall(
        name,
        response.ok ? 'ok' : `http-${response.status}`,
        seconds(),
      );
      return response;
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      telemetry.metrics.subgraphCall(name, typeof code === 'string' ? code : 'error', seconds());
      throw error;
    }
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
    headers[CONTEXT_HEADER] = await security.signContext(name, claims, init.body);
    return fetcher(target, { ...init, headers }).catch((error: unknown) => {
      logger.warn({ subgraph: name, err: error }, 'subgraph did not answer');
      throw new GraphQLError(`The ${name} subgraph did not answer; try again later.`, {
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, http: { status: 502 } },
      });
    });
  };
}
