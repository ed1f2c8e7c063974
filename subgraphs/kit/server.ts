import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { SpanKind, SpanStatusCode, type Span, type Tracer } from '@opentelemetry/api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyObject } from 'node:crypto';
import { handleGraphQL } from '../../contracts/http/graphql';
import { HttpError } from '../../contracts/http/http-error';
import {
  CONTEXT_HEADER,
  ContextError,
  createContextVerifier,
  ReplayCheckUnavailable,
  type ContextVerifier,
  type ReplayGuard,
} from '../../contracts/subgraph-context';
import { ErrorCode } from '../../contracts/errors';
import { contextOfTraceparent, NO_TRACER } from '../../contracts/tracing';
import { createServiceLogger, loggedError, type Logger } from '../../contracts/logger';
import { createCaller } from './caller';
import { logUnexpectedErrors } from './error-log';
import type { Database } from './database';
import type { Department, DepartmentContext } from './department';
import { gateFields } from './field-gate';
import { rowFacts } from './row-facts';
import { noteSubjects, reportSubjectsPlugin } from './subjects';

/** Largest request body a department accepts, in bytes. */
export const SUBGRAPH_MAX_BODY_BYTES = 4_000_000;
/** Milliseconds a call's body has to arrive whole. */
export const SUBGRAPH_BODY_DEADLINE_MS = 10_000;

export interface RunningSubgraph {
  name: string;
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4005/graphql. */
  url: string;
  stop(): Promise<void>;
}

/** The department's executable schema: subjects noted, every field behind the row gate. */
function departmentSchema<L>(department: Department<L>) {
  const schema = buildSubgraphSchema({
    typeDefs: department.typeDefs,
    resolvers: department.resolvers as GraphQLResolverMap<unknown>,
  });
  // Audit before release: the gate must wrap the subjects note (a denied field is not disclosed).
  return gateFields(noteSubjects(schema, department.subjects ?? {}, department.name));
}

/** Builds the department's Apollo subgraph server (not yet listening). */
export function createSubgraphServer<L>(
  department: Department<L>,
  logger: Logger = silentLogger(department.name),
): ApolloServer<DepartmentContext<L>> {
  return new ApolloServer<DepartmentContext<L>>({
    schema: departmentSchema(department),
    // Air-gapped networks: no landing page fetched from a CDN, nothing reported anywhere.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints: personal answers are never cached, and the hint plugin would wrap
      // every field's resolver for nothing.
      ApolloServerPluginCacheControlDisabled(),
      reportSubjectsPlugin(),
      logUnexpectedErrors(logger),
    ],
    includeStacktraceInErrorResponses: false,
    // The process owner (npm start, the tests) stops servers in order; Apollo must not exit on its own.
    stopOnTerminationSignals: false,
  });
}

/**
 * Serves a department on 127.0.0.1 (port 0 picks a free one). Every call must carry the
 * gateway's signed context for this subgraph and this body: anything else gets 401, so a
 * department cannot be read around the gateway.
 */
export async function startSubgraph<L>(
  department: Department<L>,
  db: Database,
  options: {
    port: number;
    host?: string;
    /** The gateway's public context key. */
    contextKey: KeyObject;
    /** Where accepted contexts are remembered: shared (Redis) when the department has replicas. */
    replay?: ReplayGuard;
    /** The revocation watermark (policy-store followWatermark): older contexts are refused. */
    minRevision?: () => number;
    /** Default: silent (tests); `npm start` and `npm run subgraph` pass one at LOG_LEVEL. */
    logger?: Logger;
    /** Continues the gateway's trace of each call (default: NO_TRACER, tracing off). */
    tracer?: Tracer;
  },
): Promise<RunningSubgraph> {
  const verifyContext = createContextVerifier({
    publicKey: options.contextKey,
    subgraph: department.name,
    replay: options.replay,
    minRevision: options.minRevision,
  });
  return serveSubgraph(department, db, { ...options, verifyContext });
}

/** Serves a department whose calls are checked by `verifyContext` (startSubgraph's is the gateway's signature). */
export async function serveSubgraph<L>(
  department: Department<L>,
  db: Database,
  options: {
    port: number;
    host?: string;
    verifyContext: ContextVerifier;
    logger?: Logger;
    tracer?: Tracer;
  },
): Promise<RunningSubgraph> {
  const logger = options.logger ?? silentLogger(department.name);
  const tracer = options.tracer ?? NO_TRACER;
  const server = createSubgraphServer(department, logger);
  const facts = rowFacts(department.typeDefs, department.facts);
  await server.start();
  const http = createServer((req, res) => {
    let span: Span | undefined;
    handleGraphQL(server, req, res, {
      maxBytes: SUBGRAPH_MAX_BODY_BYTES,
      deadlineMs: SUBGRAPH_BODY_DEADLINE_MS,
      context: async (raw) => {
        const header = req.headers[CONTEXT_HEADER];
        const claims = await options.verifyContext(
          typeof header === 'string' ? header : undefined,
          raw,
        );
        // The department's part of the gateway's trace: its name and the call's status only.
        span = tracer.startSpan(
          `department ${department.name}`,
          { kind: SpanKind.SERVER, attributes: { 'gateway.department': department.name } },
          contextOfTraceparent(claims.traceparent),
        );
        const caller = createCaller(claims, facts);
        return {
          db,
          caller,
          loaders: department.createLoaders(db, caller),
          subjects: new Set<string>(),
        };
      },
    })
      .then((status) => {
        span?.setAttribute('http.response.status_code', status);
        span?.end();
      })
      .catch((error: unknown) => {
        span?.setStatus({ code: SpanStatusCode.ERROR });
        span?.end();
        const status =
          error instanceof ContextError
            ? 401
            : error instanceof ReplayCheckUnavailable
              ? 503
              : error instanceof HttpError
                ? error.status
                : 500;
        const code =
          error instanceof HttpError
            ? error.code
            : status === 401
              ? ErrorCode.UNAUTHENTICATED
              : status === 500
                ? ErrorCode.INTERNAL_SERVER_ERROR
                : status === 503
                  ? ErrorCode.SUBGRAPH_UNAVAILABLE
                  : ErrorCode.BAD_USER_INPUT;
        if (status === 500) {
          const requestId = req.headers['x-request-id'];
          logger.error(
            {
              requestId: typeof requestId === 'string' ? requestId : null,
              error: loggedError(error),
            },
            'request failed',
          );
        }
        const message = status === 500 ? 'Unexpected error.' : (error as Error).message;
        if (res.headersSent) return void res.destroy();
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
      });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const background = department.background?.(db, logger);
  return {
    name: department.name,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    stop: async () => {
      await background?.stop();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await server.stop();
    },
  };
}

function silentLogger(department: string): Logger {
  return createServiceLogger(department, 'silent');
}
