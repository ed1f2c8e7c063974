export { ANONYMOUS_CONSUMER } from '../../contracts/consumer';
export type { Consumer, ConsumerKind } from '../../contracts/consumer';
export { IdentityError } from './errors';
export type { IdentityErrorCode, IdentityRefusal, PurposeRefusal, TokenRefusal } from './errors';
export { ACCEPTED_ALGORITHMS, loadVerificationKeys } from './keys';
export type { AcceptedAlgorithm, KeySource, VerificationKeys } from './keys';
export {
  createTokenVerifier,
  DEFAULT_CLOCK_TOLERANCE_SEC,
  DEFAULT_MAX_TOKEN_BYTES,
  DEFAULT_TOKEN_SOURCE,
  DEVELOPMENT_TOKEN_SOURCE,
} from './verify';
export type { TokenVerifier, TokenVerifierOptions } from './verify';
export { readPurpose } from './purpose';
export type { RequestHeaders, StatedPurpose } from './purpose';
export { DEFAULT_DEV_KEYS_DIR, ensureDevKeys } from './dev-keys';
export type { DevKeys } from './dev-keys';
export { DEFAULT_TOKEN_LIFETIME_SEC, DEV_AUDIENCE, DEV_ISSUER, mintToken } from './mint';
export type { MintOptions, SigningKey, TokenClaims } from './mint';
export { DEMO_CONSUMERS, demoClaims, isDemoConsumer } from './demo-consumers';
export type { DemoConsumer, DemoConsumerName } from './demo-consumers';
export { consumerFromClaims } from './claims';
export { readBearerToken } from './bearer';
