/**
 * The wire contract between the gateway and the departments: what crosses the wire, imported
 * by both sides, importing neither.
 */
export { ErrorCode } from './errors';
export { ANONYMOUS_CONSUMER, callerSchema, CONSUMER_KINDS, consumerSchema } from './consumer';
export type { Consumer, ConsumerKind } from './consumer';
export { isSubjectList, MAX_SUBJECTS_PER_RESPONSE, SUBJECTS_EXTENSION } from './subjects';
export {
  bodyHash,
  CONTEXT_HEADER,
  ContextError,
  createContextSigner,
  createContextVerifier,
  DEFAULT_CONTEXT_TTL_SEC,
  DEV_CONTEXT_KEY_PATH,
  loadContextKeys,
  loadContextPublicKey,
  memoryReplayGuard,
  redisReplayGuard,
  REPLAY_CHECK_TIMEOUT_MS,
  ReplayCheckUnavailable,
} from './subgraph-context';
export type {
  ContextClaims,
  ContextClaimsInput,
  ContextKeyPair,
  ContextSigner,
  ContextVerifier,
  ReplayGuard,
} from './subgraph-context';
export { handleGraphQL } from './http/graphql';
export type { BodyLimits } from './http/body';
export { HttpError } from './http/http-error';
export type { TransportRefusal } from './http/http-error';
export { contextOfTraceparent, NO_TRACER, traceparentOf, tracingFromEnv } from './tracing';
export type { Tracing } from './tracing';
