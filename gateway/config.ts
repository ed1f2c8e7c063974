import { readFileSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { parseSource, type ParsedSource } from '../policies/yaml-source';
import { DEFAULT_MAX_TOKEN_BYTES } from './identity';
import * as cost from './cost/options';
import * as limits from './limits/options';
import * as rate from './rate/options';
import * as upstream from './upstream/options';
import { DEFAULT_DOCUMENTS_MODE } from './documents/options';
import { DEFAULT_SUPERGRAPH_POLL_MS, DEFAULT_WARM_OPERATIONS } from './generation/options';
import { DEFAULT_DOCUMENTS_DIR, TRUSTED_DOCUMENT_MODES } from '../policies';
import {
  DEFAULT_APPEND_TIMEOUT_MS,
  DEFAULT_CHECKPOINT_INTERVAL_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  DEFAULT_KEEPALIVE_DELAY_MS,
  DEFAULT_PROBE_INTERVAL_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
} from '../records';

/** Record store deadlines (milliseconds): an append's wait for its commit, a connection's login, a statement, a transaction left idle, the silence before TCP keepalive probes; and the interval of the background probe behind /readyz. */
export {
  DEFAULT_APPEND_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  DEFAULT_KEEPALIVE_DELAY_MS,
  DEFAULT_PROBE_INTERVAL_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
};
/** Where the gateway appends each stream's signed checkpoints (keep it outside the database's reach). */
export const DEFAULT_RECORDS_CHECKPOINT_DIR = join(__dirname, '..', '.data', 'records-checkpoints');
/** The Ed25519 key checkpoints are signed with (PKCS#8 PEM; created when missing). */
export const DEFAULT_RECORDS_CHECKPOINT_KEY_FILE = join(
  __dirname,
  '..',
  '.data',
  'keys',
  'records-checkpoint.pem',
);
export { DEFAULT_CHECKPOINT_INTERVAL_MS };
/** warn: log when the record-store role could change records; require: refuse to start. */
export const DEFAULT_RECORDS_PRIVILEGES = 'warn';

/** Longest Authorization header read as a token, in bytes; longer is 401 before any parsing. */
export { DEFAULT_MAX_TOKEN_BYTES };

/** Port of the gateway's HTTP server. */
export const DEFAULT_PORT = 4000;
/** Gateway processes serving the port (GATEWAY_WORKERS); `auto` is one per core. */
export const DEFAULT_WORKERS = 1;
/** Most gateway processes one GATEWAY_WORKERS may ask for. */
export const MAX_WORKERS = 256;
/** Interface the gateway listens on; loopback unless told otherwise. */
export const DEFAULT_HOST = '127.0.0.1';
/** The supergraph served when none is given: the government data graph. */
export const DEFAULT_SUPERGRAPH_PATH = join(__dirname, '..', 'schema', 'supergraph.graphql');
/** Largest request body accepted, in bytes. */
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;
/** Milliseconds a request's headers, then its body, have to arrive; a slower client gets 408. */
export const DEFAULT_BODY_DEADLINE_MS = 10_000;
/** Largest request head (request line and headers), in bytes; larger is 431 (Node's default). */
export const DEFAULT_MAX_HEADER_BYTES = 16_384;
/** Distinct (client address, reason) security events stored per second; the rest are counted per reason. */
export const DEFAULT_SECURITY_EVENTS_PER_SECOND = 50;
/** Milliseconds a readiness probe waits for each subgraph. */
export const DEFAULT_READINESS_TIMEOUT_MS = 2_000;
/** Example operations preloaded in the landing page: the government graph's. */
export const DEFAULT_EXAMPLES_DIR = join(__dirname, '..', 'schema', 'examples');
/** Heading of the landing page. */
export const DEFAULT_TITLE = 'GraphQL federation gateway';
/** Where purposes.yaml and grants/*.yaml live. */
export const DEFAULT_POLICIES_DIR = join(__dirname, '..', 'policies');
/** reject: a denied field fails the operation; filter: it is returned as null with an error. */
export const DEFAULT_ENFORCEMENT_MODE = 'reject';
/** pino log level. */
export const DEFAULT_LOG_LEVEL = 'info';
/** Where the grants and purposes come from: the files (development, review) or the policy store. */
export const DEFAULT_POLICY_SOURCE = 'files';
/** Milliseconds a replica serves a revision without confirming it is the latest; then UNCONDITIONAL only. */
export const DEFAULT_POLICY_LEASE_MS = 30_000;
/** Milliseconds between two polls of the policy store (NOTIFY usually comes first). */
export const DEFAULT_POLICY_POLL_MS = 1_000;
/** Milliseconds between SIGTERM (not ready at once) and closing the listener, for the load balancer. */
export const DEFAULT_SHUTDOWN_DRAIN_MS = 5_000;
/**
 * Milliseconds after the drain in which everything must stop (requests in flight finish, the
 * records queue is flushed as far as the store takes it); then the gateway lets go and exits.
 */
export const DEFAULT_SHUTDOWN_DEADLINE_MS = 10_000;

const count = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

/** Operation limits (gateway/limits/options.ts has each default and what it counts). */
const limitsSchema = z.object({
  /** MAX_DEPTH: nested field levels. */
  maxDepth: count(100, limits.DEFAULT_MAX_DEPTH),
  /** MAX_ALIASES: aliases, fragments expanded. */
  maxAliases: count(10_000, limits.DEFAULT_MAX_ALIASES),
  /** MAX_ROOT_FIELDS: root fields, fragments expanded. */
  maxRootFields: count(10_000, limits.DEFAULT_MAX_ROOT_FIELDS),
  /** MAX_TOKENS: lexical tokens of the document. */
  maxTokens: count(1_000_000, limits.DEFAULT_MAX_TOKENS),
  /** MAX_DIRECTIVES: directives, fragments expanded. */
  maxDirectives: count(10_000, limits.DEFAULT_MAX_DIRECTIVES),
  /** MAX_HEIGHT: distinct Type.field coordinates. */
  maxHeight: count(100_000, limits.DEFAULT_MAX_HEIGHT),
  /** MAX_EXPANDED_FIELDS: fields once fragments are expanded. */
  maxExpandedFields: count(1_000_000, limits.DEFAULT_MAX_EXPANDED_FIELDS),
  /** MAX_DOCUMENT_BYTES: UTF-8 bytes of the document. */
  maxDocumentBytes: count(10_000_000, limits.DEFAULT_MAX_DOCUMENT_BYTES),
});

const LIMIT_ENV = {
  maxDepth: 'MAX_DEPTH',
  maxAliases: 'MAX_ALIASES',
  maxRootFields: 'MAX_ROOT_FIELDS',
  maxTokens: 'MAX_TOKENS',
  maxDirectives: 'MAX_DIRECTIVES',
  maxHeight: 'MAX_HEIGHT',
  maxExpandedFields: 'MAX_EXPANDED_FIELDS',
  maxDocumentBytes: 'MAX_DOCUMENT_BYTES',
} as const;

/** Demand control (gateway/cost/options.ts has each default). */
const costSchema = z.object({
  /** COST_MODE: enforce (refuse over the maximum) or measure (report only). */
  mode: z.enum(['measure', 'enforce']).default(cost.DEFAULT_COST_MODE),
  max: z.object({
    /** COST_MAX_OFFICIAL: largest estimate served to an official. */
    official: count(100_000_000, cost.DEFAULT_COST_MAX_OFFICIAL),
    /** COST_MAX_CITIZEN: largest estimate served to a citizen. */
    citizen: count(100_000_000, cost.DEFAULT_COST_MAX_CITIZEN),
    /** COST_MAX_ANONYMOUS: largest estimate served to an anonymous caller. */
    anonymous: count(100_000_000, cost.DEFAULT_COST_MAX_ANONYMOUS),
  }),
  /** COST_DEFAULT_LIST_SIZE: size of a list without @listSize. */
  defaultListSize: count(100_000, cost.DEFAULT_COST_LIST_SIZE),
});

/** Calls to the subgraphs (gateway/upstream/options.ts has each default). */
const upstreamSchema = z.object({
  /** SUBGRAPH_TIMEOUT_MS: a subgraph call's timeout. */
  timeoutMs: count(120_000, upstream.DEFAULT_SUBGRAPH_TIMEOUT_MS),
  /** SUBGRAPH_TIMEOUTS: 'name=ms,name=ms' per-subgraph timeouts. */
  timeouts: z.record(z.string(), z.coerce.number().int().min(1).max(120_000)).default({}),
  /** SUBGRAPH_MAX_CONCURRENT: calls in flight per subgraph (the bulkhead). */
  maxConcurrent: count(10_000, upstream.DEFAULT_SUBGRAPH_MAX_CONCURRENT),
  /** SUBGRAPH_MAX_QUEUED: calls waiting per subgraph; more are refused at once. */
  maxQueued: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(upstream.DEFAULT_SUBGRAPH_MAX_QUEUED),
  breaker: z.object({
    /** BREAKER_MIN_CALLS: calls in the window before the breaker may open. */
    minCalls: count(100_000, upstream.DEFAULT_BREAKER_MIN_CALLS),
    /** BREAKER_FAILURE_RATIO: failed share (0-1] that opens it. */
    failureRatio: z.coerce.number().gt(0).max(1).default(upstream.DEFAULT_BREAKER_FAILURE_RATIO),
    /** BREAKER_WINDOW_MS: its rolling window. */
    windowMs: count(3_600_000, upstream.DEFAULT_BREAKER_WINDOW_MS),
    /** BREAKER_OPEN_MS: how long it stays open before a probe. */
    openMs: count(3_600_000, upstream.DEFAULT_BREAKER_OPEN_MS),
  }),
});

/** Rate limits, GCRA buckets refilled evenly over the window (gateway/rate/options.ts has each default). */
const rateLimitsSchema = z.object({
  /** RATE_LIMIT_OFFICIAL: requests per window per official (per citizen; per address when anonymous). */
  official: count(1_000_000, rate.DEFAULT_RATE_LIMIT_OFFICIAL),
  /** RATE_LIMIT_APPLICATION: requests per window per application, all its officials together. */
  application: count(10_000_000, rate.DEFAULT_RATE_LIMIT_APPLICATION),
  /** RATE_LIMIT_DEPARTMENT: requests per window per department, all its officials together. */
  department: count(10_000_000, rate.DEFAULT_RATE_LIMIT_DEPARTMENT),
  /** RATE_LIMIT_WINDOW_MS: the window, in milliseconds. */
  windowMs: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(86_400_000)
    .default(rate.DEFAULT_RATE_LIMIT_WINDOW_MS),
});

/** Where rates and grant quotas are shared between replicas. */
const redisSchema = z.object({
  /** REDIS_URL: redis:// or rediss:// URL; unset, each replica limits and counts in its own memory. */
  url: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'not a redis:// or rediss:// URL')
    .nullable()
    .default(rate.DEFAULT_REDIS_SETTINGS.url),
  /** REDIS_PREFIX: what every key starts with (one per deployment sharing a Redis). */
  prefix: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'up to 64 letters, digits and . _ : -')
    .default(rate.DEFAULT_REDIS_PREFIX),
  /** REDIS_TIMEOUT_MS: how long a request waits for Redis before the local limiter decides. */
  timeoutMs: count(10_000, rate.DEFAULT_REDIS_TIMEOUT_MS),
});

const schema = z.object({
  /** GATEWAY_PORT: TCP port (0 picks a free one). */
  port: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
  /** GATEWAY_WORKERS: processes sharing the port, each with its own record stream `<RECORD_STREAM_ID>-w<N>`; `auto` is one per core. */
  workers: z
    .union([z.literal('auto').transform(() => availableParallelism()), z.coerce.number()])
    .pipe(z.number().int().min(1).max(MAX_WORKERS))
    .default(DEFAULT_WORKERS),
  /** GATEWAY_HOST: interface to listen on. */
  host: z.string().min(1).default(DEFAULT_HOST),
  /** SUPERGRAPH_PATH or --supergraph: any Federation 2 supergraph SDL file. */
  supergraphPath: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH),
  /** SUPERGRAPH_URL: where to fetch the supergraph instead, polled with its ETag for a new one. */
  supergraphUrl: z.url().optional(),
  /** SUPERGRAPH_POLL_MS: how often SUPERGRAPH_URL is asked whether the supergraph changed. */
  supergraphPollMs: z.coerce
    .number()
    .int()
    .min(100)
    .max(3_600_000)
    .default(DEFAULT_SUPERGRAPH_POLL_MS),
  /** SUPERGRAPH_WARM_OPERATIONS: the most run operations a new supergraph plans before it goes live. */
  warmOperations: z.coerce.number().int().min(0).max(10_000).default(DEFAULT_WARM_OPERATIONS),
  /** SUBGRAPH_URLS: 'name=url,name=url' overrides of the URLs written in the supergraph. */
  subgraphUrls: z.record(z.string(), z.url()).default({}),
  /** EXAMPLES_DIR: folder of example operations for the landing page. */
  examplesDir: z.string().min(1).default(DEFAULT_EXAMPLES_DIR),
  /** GATEWAY_TITLE: heading of the landing page. */
  title: z.string().min(1).default(DEFAULT_TITLE),
  /** POLICIES_DIR: the purpose catalogue and the departments' grant files. */
  policiesDir: z.string().min(1).default(DEFAULT_POLICIES_DIR),
  /** POLICY_SOURCE: files (POLICIES_DIR, read once) or db (the policy store's revisions, followed live). */
  policySource: z.enum(['files', 'db']).default(DEFAULT_POLICY_SOURCE),
  /** POLICY_DATABASE_URL (else DATABASE_URL, else the records'): the policy store, with POLICY_SOURCE=db. */
  policyDatabaseUrl: z.string().optional(),
  /** POLICY_LEASE_MS: past it without confirming the latest revision, UNCONDITIONAL fields only and not ready. */
  policyLeaseMs: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_POLICY_LEASE_MS),
  /** POLICY_POLL_MS: the polling fallback of NOTIFY; must be well under the lease. */
  policyPollMs: z.coerce.number().int().min(10).max(60_000).default(DEFAULT_POLICY_POLL_MS),
  /** POLICY_NOTIFY: on (LISTEN for revisions, polling as the fallback) or off (polling only: a pooler that cannot LISTEN). */
  policyNotify: z.enum(['on', 'off']).default('on'),
  /** SHUTDOWN_DRAIN_MS: after SIGTERM, not ready but still serving for this long. */
  shutdownDrainMs: z.coerce.number().int().min(0).max(600_000).default(DEFAULT_SHUTDOWN_DRAIN_MS),
  /** SHUTDOWN_DEADLINE_MS: after the drain, in-flight requests and the record flush get this long in all. */
  shutdownDeadlineMs: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(DEFAULT_SHUTDOWN_DEADLINE_MS),
  /** ENFORCEMENT_MODE: reject or filter. */
  enforcementMode: z.enum(['reject', 'filter']).default(DEFAULT_ENFORCEMENT_MODE),
  /** TRUSTED_DOCUMENTS_DIR: folder of the applications' document manifests (<application>.yaml). */
  documentsDir: z.string().min(1).default(DEFAULT_DOCUMENTS_DIR),
  /** TRUSTED_DOCUMENTS_DEFAULT_MODE: off, audit or enforce for callers whose application has no manifest (or who name none). */
  documentsDefaultMode: z.enum(TRUSTED_DOCUMENT_MODES).default(DEFAULT_DOCUMENTS_MODE),
  /** ALLOW_ANONYMOUS=true: requests without a token read UNCONDITIONAL fields only. Off by default. */
  allowAnonymous: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** AUTH_JWKS_FILE, AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE (+ AUTH_PUBLIC_KEY_ALG): the token keys. Unset: the development keys in .data/keys. */
  auth: z
    .object({
      jwksFile: z.string().min(1).optional(),
      jwksUrl: z.url().optional(),
      publicKeyFile: z.string().min(1).optional(),
      publicKeyAlg: z.enum(['RS256', 'ES256', 'EdDSA']).default('EdDSA'),
      /** AUTH_ISSUER: the iss every token carries. */
      issuer: z.string().min(1).optional(),
      /** AUTH_AUDIENCE: the aud every token carries. */
      audience: z.string().min(1).optional(),
    })
    .refine((a) => [a.jwksFile, a.jwksUrl, a.publicKeyFile].filter(Boolean).length <= 1, {
      message: 'set only one of AUTH_JWKS_FILE, AUTH_JWKS_URL, AUTH_PUBLIC_KEY_FILE',
    })
    .refine((a) => !(a.jwksFile || a.jwksUrl || a.publicKeyFile) || (a.issuer && a.audience), {
      message: 'AUTH_ISSUER and AUTH_AUDIENCE are required with a production key source',
    }),
  /** CONTEXT_PRIVATE_KEY_FILE: Ed25519 PKCS8 PEM the gateway signs subgraph contexts with. Unset: a development key in .data/keys. */
  contextPrivateKeyFile: z.string().min(1).optional(),
  /** RECORDS_DATABASE_URL (else DATABASE_URL): the PostgreSQL access records are committed to. Required. */
  recordsDatabaseUrl: z
    .string()
    .min(1, 'set RECORDS_DATABASE_URL or DATABASE_URL: every disclosure is recorded'),
  /** RECORDS_MIGRATION_DATABASE_URL: the records' owner role, which runs the migrations; unset: RECORDS_DATABASE_URL's role (which then owns them). */
  recordsMigrationDatabaseUrl: z.string().min(1).optional(),
  /** RECORDS_PRIVILEGES: warn or require (refuse to start) when the record-store role could update, delete, truncate or own records. */
  recordsPrivileges: z.enum(['warn', 'require']).default(DEFAULT_RECORDS_PRIVILEGES),
  /** RECORDS_APPEND_TIMEOUT_MS: an append not committed by then fails (personal data withheld, 503); its connection is abandoned. */
  recordsAppendTimeoutMs: z.coerce
    .number()
    .int()
    .min(100)
    .max(120000)
    .default(DEFAULT_APPEND_TIMEOUT_MS),
  /** RECORDS_CONNECT_TIMEOUT_MS: opening a record-store connection (and waiting for a free one) gives up after this. */
  recordsConnectTimeoutMs: z.coerce
    .number()
    .int()
    .min(100)
    .max(120000)
    .default(DEFAULT_CONNECT_TIMEOUT_MS),
  /** RECORDS_STATEMENT_TIMEOUT_MS: the server cancels a record-store statement running longer (also its lock wait). */
  recordsStatementTimeoutMs: z.coerce
    .number()
    .int()
    .min(100)
    .max(600000)
    .default(DEFAULT_STATEMENT_TIMEOUT_MS),
  /** RECORDS_IDLE_IN_TRANSACTION_TIMEOUT_MS: the server ends a record-store session idle inside a transaction this long. */
  recordsIdleInTransactionTimeoutMs: z.coerce
    .number()
    .int()
    .min(100)
    .max(600000)
    .default(DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS),
  /** RECORDS_KEEPALIVE_DELAY_MS: silence on a record-store connection before TCP keepalive probes start. */
  recordsKeepAliveDelayMs: z.coerce
    .number()
    .int()
    .min(1000)
    .max(600000)
    .default(DEFAULT_KEEPALIVE_DELAY_MS),
  /** RECORDS_PROBE_INTERVAL_MS: how often the record store is checked in the background (behind /readyz, and recovery with no traffic). */
  recordsProbeIntervalMs: z.coerce
    .number()
    .int()
    .min(100)
    .max(60000)
    .default(DEFAULT_PROBE_INTERVAL_MS),
  /** RECORDS_CHECKPOINT_DIR: where each stream's signed checkpoints are appended (outside the database). */
  recordsCheckpointDir: z.string().min(1).default(DEFAULT_RECORDS_CHECKPOINT_DIR),
  /** RECORDS_CHECKPOINT_KEY_FILE: Ed25519 PKCS#8 PEM the checkpoints are signed with; the database never holds it. */
  recordsCheckpointKeyFile: z.string().min(1).default(DEFAULT_RECORDS_CHECKPOINT_KEY_FILE),
  /** RECORDS_CHECKPOINT_INTERVAL_MS: a moved stream head is signed this often (the window a rewrite of the newest records can hide in). */
  recordsCheckpointIntervalMs: z.coerce
    .number()
    .int()
    .min(100)
    .max(3_600_000)
    .default(DEFAULT_CHECKPOINT_INTERVAL_MS),
  /** RECORD_STREAM_ID: this replica's own hash chain; stable across restarts, unique per replica. */
  recordStreamId: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/)
    .default(`gateway-${hostname()}`),
  /** RECORDS_NON_PERSONAL_ON_OUTAGE: serve or withhold an operation without personal data when its record cannot be stored. */
  nonPersonalOnOutage: z.enum(['serve', 'withhold']).default('serve'),
  /** MAX_BODY_BYTES: larger requests get 413. */
  maxBodyBytes: z.coerce.number().int().positive().default(DEFAULT_MAX_BODY_BYTES),
  /** BODY_DEADLINE_MS: the headers, then the body, must each arrive within this; later is 408. */
  bodyDeadlineMs: z.coerce.number().int().min(100).max(300_000).default(DEFAULT_BODY_DEADLINE_MS),
  /** MAX_HEADER_BYTES: largest request head; larger is 431. */
  maxHeaderBytes: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(1_048_576)
    .default(DEFAULT_MAX_HEADER_BYTES),
  /** MAX_TOKEN_BYTES: longest Authorization header; longer is 401 before the token is parsed. */
  maxTokenBytes: z.coerce.number().int().min(256).max(1_048_576).default(DEFAULT_MAX_TOKEN_BYTES),
  /** SECURITY_EVENTS_PER_SECOND: distinct (address, reason) security events stored per second; beyond, one per reason with a count. */
  securityEventsPerSecond: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(DEFAULT_SECURITY_EVENTS_PER_SECOND),
  /** MAX_DEPTH, MAX_ALIASES, ...: operation limits, on by default; see limitsSchema. */
  limits: limitsSchema.default(limits.DEFAULT_OPERATION_LIMITS),
  /** COST_MODE, COST_MAX_*, COST_DEFAULT_LIST_SIZE: demand control; see costSchema. */
  cost: costSchema,
  /** SUBGRAPH_TIMEOUT_MS, SUBGRAPH_MAX_*, BREAKER_*: calls to the subgraphs; see upstreamSchema. */
  upstream: upstreamSchema,
  /** RATE_LIMIT_*: rate limits per official, application and department; see rateLimitsSchema. */
  rateLimits: rateLimitsSchema,
  /** REDIS_*: the Redis the replicas share rates and quotas in; see redisSchema. */
  redis: redisSchema,
  /** READINESS_TIMEOUT_MS: per-subgraph wait of /readyz. */
  readinessTimeoutMs: z.coerce.number().int().positive().default(DEFAULT_READINESS_TIMEOUT_MS),
  /** LOG_LEVEL: fatal, error, warn, info, debug, trace or silent. */
  logLevel: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default(DEFAULT_LOG_LEVEL),
  /** NODE_ENV=development shows unexpected errors' messages to clients; otherwise they are masked. */
  development: z.boolean().default(false),
});

export type GatewayConfig = Readonly<z.infer<typeof schema>>;

/**
 * Builds the frozen gateway config from the environment, command-line flags and the optional
 * GATEWAY_CONFIG file (or --config); throws naming each bad key, and its file and line.
 * Precedence: a flag, then an environment variable, then the file, then the default.
 */
export function loadGatewayConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = [],
): GatewayConfig {
  const input = environmentInput(env, argv);
  const configFile = flag(argv, '--config') ?? env.GATEWAY_CONFIG;
  const source = configFile ? readConfigFile(configFile) : undefined;
  const problems = source ? fileKeyProblems(source) : [];
  const parsed = schema.safeParse(source ? overlay(source.data, input) : input);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => problemLine(issue, source, input)));
  }
  if (!parsed.success || problems.length > 0) {
    throw new Error(`Invalid gateway configuration:\n  ${problems.join('\n  ')}`);
  }
  return Object.freeze(parsed.data);
}

/** What the environment and flags say, undefined where they are silent. */
function environmentInput(env: NodeJS.ProcessEnv, argv: readonly string[]) {
  return {
    port: env.GATEWAY_PORT,
    workers: env.GATEWAY_WORKERS,
    host: env.GATEWAY_HOST,
    supergraphPath: flag(argv, '--supergraph') ?? env.SUPERGRAPH_PATH,
    supergraphUrl: env.SUPERGRAPH_URL,
    supergraphPollMs: env.SUPERGRAPH_POLL_MS,
    warmOperations: env.SUPERGRAPH_WARM_OPERATIONS,
    subgraphUrls: parseUrlOverrides(env.SUBGRAPH_URLS),
    examplesDir: env.EXAMPLES_DIR,
    title: env.GATEWAY_TITLE,
    policiesDir: env.POLICIES_DIR,
    policySource: env.POLICY_SOURCE,
    policyDatabaseUrl: env.POLICY_DATABASE_URL ?? env.DATABASE_URL ?? env.RECORDS_DATABASE_URL,
    policyLeaseMs: env.POLICY_LEASE_MS,
    policyPollMs: env.POLICY_POLL_MS,
    policyNotify: env.POLICY_NOTIFY,
    shutdownDrainMs: env.SHUTDOWN_DRAIN_MS,
    shutdownDeadlineMs: env.SHUTDOWN_DEADLINE_MS,
    enforcementMode: env.ENFORCEMENT_MODE,
    documentsDir: env.TRUSTED_DOCUMENTS_DIR,
    documentsDefaultMode: env.TRUSTED_DOCUMENTS_DEFAULT_MODE,
    allowAnonymous: env.ALLOW_ANONYMOUS,
    auth: {
      jwksFile: env.AUTH_JWKS_FILE,
      jwksUrl: env.AUTH_JWKS_URL,
      publicKeyFile: env.AUTH_PUBLIC_KEY_FILE,
      publicKeyAlg: env.AUTH_PUBLIC_KEY_ALG,
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
    },
    contextPrivateKeyFile: env.CONTEXT_PRIVATE_KEY_FILE,
    recordsDatabaseUrl: env.RECORDS_DATABASE_URL ?? env.DATABASE_URL ?? '',
    recordStreamId: env.RECORD_STREAM_ID,
    recordsMigrationDatabaseUrl: env.RECORDS_MIGRATION_DATABASE_URL,
    recordsCheckpointDir: env.RECORDS_CHECKPOINT_DIR,
    recordsCheckpointKeyFile: env.RECORDS_CHECKPOINT_KEY_FILE,
    recordsCheckpointIntervalMs: env.RECORDS_CHECKPOINT_INTERVAL_MS,
    recordsPrivileges: env.RECORDS_PRIVILEGES,
    recordsAppendTimeoutMs: env.RECORDS_APPEND_TIMEOUT_MS,
    recordsConnectTimeoutMs: env.RECORDS_CONNECT_TIMEOUT_MS,
    recordsStatementTimeoutMs: env.RECORDS_STATEMENT_TIMEOUT_MS,
    recordsIdleInTransactionTimeoutMs: env.RECORDS_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    recordsKeepAliveDelayMs: env.RECORDS_KEEPALIVE_DELAY_MS,
    recordsProbeIntervalMs: env.RECORDS_PROBE_INTERVAL_MS,
    nonPersonalOnOutage: env.RECORDS_NON_PERSONAL_ON_OUTAGE,
    maxBodyBytes: env.MAX_BODY_BYTES,
    bodyDeadlineMs: env.BODY_DEADLINE_MS,
    maxHeaderBytes: env.MAX_HEADER_BYTES,
    maxTokenBytes: env.MAX_TOKEN_BYTES,
    securityEventsPerSecond: env.SECURITY_EVENTS_PER_SECOND,
    limits: Object.fromEntries(Object.entries(LIMIT_ENV).map(([key, name]) => [key, env[name]])),
    cost: {
      mode: env.COST_MODE,
      max: {
        official: env.COST_MAX_OFFICIAL,
        citizen: env.COST_MAX_CITIZEN,
        anonymous: env.COST_MAX_ANONYMOUS,
      },
      defaultListSize: env.COST_DEFAULT_LIST_SIZE,
    },
    upstream: {
      timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      timeouts: parseUrlOverrides(env.SUBGRAPH_TIMEOUTS),
      maxConcurrent: env.SUBGRAPH_MAX_CONCURRENT,
      maxQueued: env.SUBGRAPH_MAX_QUEUED,
      breaker: {
        minCalls: env.BREAKER_MIN_CALLS,
        failureRatio: env.BREAKER_FAILURE_RATIO,
        windowMs: env.BREAKER_WINDOW_MS,
        openMs: env.BREAKER_OPEN_MS,
      },
    },
    rateLimits: {
      official: env.RATE_LIMIT_OFFICIAL,
      application: env.RATE_LIMIT_APPLICATION,
      department: env.RATE_LIMIT_DEPARTMENT,
      windowMs: env.RATE_LIMIT_WINDOW_MS,
    },
    redis: {
      url: env.REDIS_URL || undefined,
      prefix: env.REDIS_PREFIX,
      timeoutMs: env.REDIS_TIMEOUT_MS,
    },
    readinessTimeoutMs: env.READINESS_TIMEOUT_MS,
    logLevel: env.LOG_LEVEL,
    development: env.NODE_ENV === 'development',
  };
}

/**
 * Top-level keys a GATEWAY_CONFIG file may set: the production controls. Connection strings,
 * key material, paths and each replica's identity stay in the environment (a key added to the
 * schema is environment-only until it is listed here).
 */
export const CONFIG_FILE_KEYS: readonly string[] = [
  'limits',
  'cost',
  'rateLimits',
  'redis',
  'upstream',
  'documentsDefaultMode',
  'enforcementMode',
  'maxBodyBytes',
  'bodyDeadlineMs',
  'maxHeaderBytes',
  'maxTokenBytes',
  'securityEventsPerSecond',
  'readinessTimeoutMs',
  'policyLeaseMs',
  'policyPollMs',
  'policyNotify',
  'supergraphPollMs',
  'warmOperations',
  'shutdownDrainMs',
  'shutdownDeadlineMs',
  'recordsPrivileges',
  'recordsAppendTimeoutMs',
  'recordsConnectTimeoutMs',
  'recordsStatementTimeoutMs',
  'recordsIdleInTransactionTimeoutMs',
  'recordsKeepAliveDelayMs',
  'recordsProbeIntervalMs',
  'recordsCheckpointIntervalMs',
  'nonPersonalOnOutage',
  'logLevel',
];
/** Nested keys of those that stay in the environment all the same (a URL may carry a password). */
const ENVIRONMENT_ONLY = new Set(['redis.url']);

function readConfigFile(file: string): ParsedSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `Invalid gateway configuration:\n  GATEWAY_CONFIG: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Accepted: the path of a YAML file such as gateway.example.yaml; unset: no file.`,
    );
  }
  const source = parseSource({ file, text });
  const data = source.data ?? {};
  if (!isRecord(data)) {
    throw new Error(
      `Invalid gateway configuration:\n  ${source.at([])}: the file must be a mapping of settings, like gateway.example.yaml.`,
    );
  }
  return { ...source, data };
}

/** Every key of the file must be a setting the file may hold: a typo must not fall back to a default. */
function fileKeyProblems(source: ParsedSource): string[] {
  const problems: string[] = [];
  const walk = (value: unknown, path: string[], type: z.ZodType | undefined): void => {
    const shape = objectShape(type);
    if (!shape || !isRecord(value)) return; // values (and a map's names) are the schema's to judge
    const allowed = path.length === 0 ? CONFIG_FILE_KEYS : Object.keys(shape);
    for (const [key, child] of Object.entries(value)) {
      const at = [...path, key];
      if (ENVIRONMENT_ONLY.has(at.join('.')) || (key in shape && !allowed.includes(key))) {
        problems.push(
          `${source.at(at)}: set by the environment only (${keyName(at)}), not in the file.`,
        );
      } else if (!(key in shape)) {
        const keys = allowed.filter((k) => !ENVIRONMENT_ONLY.has([...path, k].join('.')));
        problems.push(`${source.at(at)}: unknown key. Accepted: ${keys.join(', ')}.`);
      } else {
        walk(child, at, shape[key]);
      }
    }
  };
  walk(source.data, [], schema);
  return problems;
}

/** The fields of an object schema under its defaults and optionals; undefined for anything else. */
function objectShape(type: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  let inner: unknown = type;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap();
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : undefined;
}

/** The file's values with the environment's laid over them wherever the environment says something. */
function overlay(file: unknown, env: unknown): unknown {
  if (env === undefined) return file;
  if (!isRecord(env)) return env;
  if (file === undefined) return env;
  if (!isRecord(file)) return hasValue(env) ? env : file;
  const merged: Record<string, unknown> = { ...file };
  for (const [key, value] of Object.entries(env)) merged[key] = overlay(file[key], value);
  return merged;
}

function hasValue(value: unknown): boolean {
  return isRecord(value) ? Object.values(value).some(hasValue) : value !== undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, key) => (isRecord(v) ? v[String(key)] : undefined), value);
}

/** Parses 'name=value,name=value' (URLs, timeouts); a malformed pair is kept so zod names it. */
export function parseUrlOverrides(value: string | undefined): Record<string, string> | undefined {
  if (!value) return undefined;
  const entries = value.split(',').map((pair) => {
    const at = pair.indexOf('=');
    return at < 0 ? [pair.trim(), ''] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
  });
  return Object.fromEntries(entries);
}

function flag(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at >= 0) return argv[at + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

const ENV_NAMES: Record<string, string> = {
  port: 'GATEWAY_PORT',
  workers: 'GATEWAY_WORKERS',
  host: 'GATEWAY_HOST',
  supergraphPath: 'SUPERGRAPH_PATH (or --supergraph)',
  supergraphUrl: 'SUPERGRAPH_URL',
  supergraphPollMs: 'SUPERGRAPH_POLL_MS',
  warmOperations: 'SUPERGRAPH_WARM_OPERATIONS',
  subgraphUrls: 'SUBGRAPH_URLS',
  examplesDir: 'EXAMPLES_DIR',
  title: 'GATEWAY_TITLE',
  policiesDir: 'POLICIES_DIR',
  policySource: 'POLICY_SOURCE',
  policyDatabaseUrl: 'POLICY_DATABASE_URL',
  policyLeaseMs: 'POLICY_LEASE_MS',
  policyPollMs: 'POLICY_POLL_MS',
  policyNotify: 'POLICY_NOTIFY',
  shutdownDrainMs: 'SHUTDOWN_DRAIN_MS',
  shutdownDeadlineMs: 'SHUTDOWN_DEADLINE_MS',
  enforcementMode: 'ENFORCEMENT_MODE',
  documentsDir: 'TRUSTED_DOCUMENTS_DIR',
  documentsDefaultMode: 'TRUSTED_DOCUMENTS_DEFAULT_MODE',
  allowAnonymous: 'ALLOW_ANONYMOUS',
  auth: 'AUTH_*',
  contextPrivateKeyFile: 'CONTEXT_PRIVATE_KEY_FILE',
  recordsDatabaseUrl: 'RECORDS_DATABASE_URL',
  recordStreamId: 'RECORD_STREAM_ID',
  recordsMigrationDatabaseUrl: 'RECORDS_MIGRATION_DATABASE_URL',
  recordsCheckpointDir: 'RECORDS_CHECKPOINT_DIR',
  recordsCheckpointKeyFile: 'RECORDS_CHECKPOINT_KEY_FILE',
  recordsCheckpointIntervalMs: 'RECORDS_CHECKPOINT_INTERVAL_MS',
  recordsPrivileges: 'RECORDS_PRIVILEGES',
  recordsAppendTimeoutMs: 'RECORDS_APPEND_TIMEOUT_MS',
  recordsConnectTimeoutMs: 'RECORDS_CONNECT_TIMEOUT_MS',
  recordsStatementTimeoutMs: 'RECORDS_STATEMENT_TIMEOUT_MS',
  recordsIdleInTransactionTimeoutMs: 'RECORDS_IDLE_IN_TRANSACTION_TIMEOUT_MS',
  recordsKeepAliveDelayMs: 'RECORDS_KEEPALIVE_DELAY_MS',
  recordsProbeIntervalMs: 'RECORDS_PROBE_INTERVAL_MS',
  nonPersonalOnOutage: 'RECORDS_NON_PERSONAL_ON_OUTAGE',
  maxBodyBytes: 'MAX_BODY_BYTES',
  bodyDeadlineMs: 'BODY_DEADLINE_MS',
  maxHeaderBytes: 'MAX_HEADER_BYTES',
  maxTokenBytes: 'MAX_TOKEN_BYTES',
  securityEventsPerSecond: 'SECURITY_EVENTS_PER_SECOND',
  readinessTimeoutMs: 'READINESS_TIMEOUT_MS',
  ...LIMIT_ENV,
  logLevel: 'LOG_LEVEL',
};

const COST_ENV: Record<string, string> = {
  mode: 'COST_MODE',
  'max.official': 'COST_MAX_OFFICIAL',
  'max.citizen': 'COST_MAX_CITIZEN',
  'max.anonymous': 'COST_MAX_ANONYMOUS',
  defaultListSize: 'COST_DEFAULT_LIST_SIZE',
};

const UPSTREAM_ENV: Record<string, string> = {
  timeoutMs: 'SUBGRAPH_TIMEOUT_MS',
  maxConcurrent: 'SUBGRAPH_MAX_CONCURRENT',
  maxQueued: 'SUBGRAPH_MAX_QUEUED',
  'breaker.minCalls': 'BREAKER_MIN_CALLS',
  'breaker.failureRatio': 'BREAKER_FAILURE_RATIO',
  'breaker.windowMs': 'BREAKER_WINDOW_MS',
  'breaker.openMs': 'BREAKER_OPEN_MS',
};

const RATE_ENV: Record<string, string> = {
  'rateLimits.official': 'RATE_LIMIT_OFFICIAL',
  'rateLimits.application': 'RATE_LIMIT_APPLICATION',
  'rateLimits.department': 'RATE_LIMIT_DEPARTMENT',
  'rateLimits.windowMs': 'RATE_LIMIT_WINDOW_MS',
  'redis.url': 'REDIS_URL',
  'redis.prefix': 'REDIS_PREFIX',
  'redis.timeoutMs': 'REDIS_TIMEOUT_MS',
};

/** What each variable accepts, said with every error about it. */
const ACCEPTED: Record<string, string> = {
  port: `a TCP port from 0 to 65535 (0 picks a free one); unset: ${DEFAULT_PORT}`,
  workers: `a whole number from 1 to ${MAX_WORKERS}, or auto (one per core); unset: ${DEFAULT_WORKERS}`,
  host: `an interface address such as 127.0.0.1 or 0.0.0.0; unset: ${DEFAULT_HOST}`,
  supergraphPath: 'the path of a Federation 2 supergraph SDL file',
  supergraphUrl: 'an absolute http(s) URL serving a Federation 2 supergraph SDL; unset: the file',
  supergraphPollMs: `milliseconds from 100 to 3600000; unset: ${DEFAULT_SUPERGRAPH_POLL_MS}`,
  warmOperations: `a whole number from 0 to 10000; unset: ${DEFAULT_WARM_OPERATIONS}`,
  subgraphUrls: "'name=url,name=url' with absolute http(s) URLs",
  policySource: `files or db; unset: ${DEFAULT_POLICY_SOURCE}`,
  policyLeaseMs: `milliseconds from 100 to 600000; unset: ${DEFAULT_POLICY_LEASE_MS}`,
  policyPollMs: `milliseconds from 10 to 60000; unset: ${DEFAULT_POLICY_POLL_MS}`,
  policyNotify: 'on or off (polling only, e.g. behind a pooler in transaction mode); unset: on',
  shutdownDrainMs: `milliseconds from 0 to 600000; unset: ${DEFAULT_SHUTDOWN_DRAIN_MS}`,
  shutdownDeadlineMs: `milliseconds from 0 to 600000; unset: ${DEFAULT_SHUTDOWN_DEADLINE_MS}`,
  enforcementMode: `reject or filter; unset: ${DEFAULT_ENFORCEMENT_MODE}`,
  documentsDir: "the folder of the applications' trusted document manifests",
  documentsDefaultMode: `off, audit or enforce; unset: ${DEFAULT_DOCUMENTS_MODE}`,
  allowAnonymous: 'true or false; unset: false',
  auth: 'one of AUTH_JWKS_FILE, AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE (+ AUTH_PUBLIC_KEY_ALG RS256, ES256 or EdDSA), with AUTH_ISSUER and AUTH_AUDIENCE; none of them: the development key in .data/keys',
  recordsDatabaseUrl: 'a postgres:// URL (npm start uses its own PostgreSQL when unset)',
  recordStreamId: 'up to 64 letters, digits and . _ : -',
  nonPersonalOnOutage: 'serve or withhold; unset: serve',
  maxBodyBytes: `a positive whole number of bytes; unset: ${DEFAULT_MAX_BODY_BYTES}`,
  bodyDeadlineMs: `milliseconds from 100 to 300000; unset: ${DEFAULT_BODY_DEADLINE_MS}`,
  maxHeaderBytes: `bytes from 1024 to 1048576; unset: ${DEFAULT_MAX_HEADER_BYTES}`,
  maxTokenBytes: `bytes from 256 to 1048576; unset: ${DEFAULT_MAX_TOKEN_BYTES}`,
  securityEventsPerSecond: `a whole number from 1 to 10000; unset: ${DEFAULT_SECURITY_EVENTS_PER_SECOND}`,
  readinessTimeoutMs: `a positive whole number of milliseconds; unset: ${DEFAULT_READINESS_TIMEOUT_MS}`,
  logLevel: `fatal, error, warn, info, debug, trace or silent; unset: ${DEFAULT_LOG_LEVEL}`,
  'rateLimits.official': `requests per window, 1 to 1000000; unset: ${rate.DEFAULT_RATE_LIMIT_OFFICIAL}`,
  'rateLimits.application': `requests per window, 1 to 10000000; unset: ${rate.DEFAULT_RATE_LIMIT_APPLICATION}`,
  'rateLimits.department': `requests per window, 1 to 10000000; unset: ${rate.DEFAULT_RATE_LIMIT_DEPARTMENT}`,
  'rateLimits.windowMs': `milliseconds from 1000 to 86400000; unset: ${rate.DEFAULT_RATE_LIMIT_WINDOW_MS}`,
  'redis.url': 'a redis:// or rediss:// URL; unset: rates and quotas in each replica memory',
  'redis.prefix': `up to 64 letters, digits and . _ : -; unset: ${rate.DEFAULT_REDIS_PREFIX}`,
  'redis.timeoutMs': `milliseconds from 1 to 10000; unset: ${rate.DEFAULT_REDIS_TIMEOUT_MS}`,
};

/**
 * One line per problem: the variable (or the file, line and key, when the value came from the
 * file and no variable overrode it), what is wrong, and what it accepts.
 */
function problemLine(
  issue: { path: readonly PropertyKey[]; message: string },
  source?: ParsedSource,
  environment?: unknown,
): string {
  const head = String(issue.path[0]);
  const accepted = ACCEPTED[head] ?? ACCEPTED[`${head}.${String(issue.path[1] ?? '')}`];
  const fromFile =
    source !== undefined &&
    valueAt(source.data, issue.path) !== undefined &&
    !hasValue(valueAt(environment, issue.path));
  const where = fromFile
    ? `${source.at(issue.path)} (or ${keyName(issue.path)})`
    : keyName(issue.path);
  return `${where}: ${issue.message}${accepted ? `. Accepted: ${accepted}.` : ''}`;
}

function keyName(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  if (head === 'limits' && rest[0]) return ENV_NAMES[rest[0]] ?? rest.join('.');
  if (head === 'cost') return COST_ENV[rest.join('.')] ?? `COST_*.${rest.join('.')}`;
  if (head === 'rateLimits' || head === 'redis')
    return RATE_ENV[`${head}.${rest[0] ?? ''}`] ?? [head, ...rest].join('.');
  if (head === 'upstream') return UPSTREAM_ENV[rest.join('.')] ?? `SUBGRAPH_TIMEOUTS.${rest[1]}`;
  return [ENV_NAMES[head ?? ''] ?? head, ...rest].join('.');
}

/** Whether the gateway accepts the development key: no AUTH_* key source is configured. */
export function usesDevelopmentKeys(config: Pick<GatewayConfig, 'auth'>): boolean {
  const { jwksFile, jwksUrl, publicKeyFile } = config.auth;
  return !jwksFile && !jwksUrl && !publicKeyFile;
}
