export { CONTEXT_HEADER, DEFAULT_CONTEXT_TTL_SEC } from './claims';
export type { ContextClaims, ContextClaimsInput } from './claims';
export { bodyHash, createContextSigner } from './sign';
export type { ContextSigner } from './sign';
export { ContextError, createContextVerifier } from './verify';
export type { ContextVerifier } from './verify';
export { DEV_CONTEXT_KEY_PATH, loadContextKeys, loadContextPublicKey } from './keys';
export type { ContextKeyPair } from './keys';
export {
  memoryReplayGuard,
  redisReplayGuard,
  ReplayCheckUnavailable,
  REPLAY_CHECK_TIMEOUT_MS,
} from './replay';
export type { ReplayGuard } from './replay';
