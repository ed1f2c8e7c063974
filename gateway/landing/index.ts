export { LANDING_ASSET_PATHS, readLandingAsset } from './assets';
export type { LandingAsset } from './assets';
export { LANDING_CONTENT_SECURITY_POLICY } from './csp';
export { renderLandingPage } from './page';
export type { LandingExample, LandingPageOptions } from './page';
