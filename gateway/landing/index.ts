export { LANDING_ASSET_PATHS, readLandingAsset } from './assets';
export type { LandingAsset } from './assets';
export { LANDING_CONTENT_SECURITY_POLICY } from './csp';
export { renderLandingPage } from './page';
export type { LandingExample, LandingPageOptions } from './page';
export { landingRoutes } from './routes';
export { DEV_TOKEN_PATH } from './sign-in';
export type { LandingSignIn, MintedToken, SignInConsumer } from './sign-in';
export {
  DEFAULT_SIGN_IN_CONSUMER,
  developmentSignIn,
  landingExample,
  landingFor,
  signInFor,
} from './setup';
