import type { PageHandler } from '../http/server';
import { readLandingAsset } from './assets';
import { LANDING_CONTENT_SECURITY_POLICY } from './csp';
import { renderLandingPage, type LandingExample } from './page';
import { DEV_TOKEN_PATH, serveDevToken, type LandingSignIn } from './sign-in';

/** The landing page, its assets and, in development only, its token endpoint. */
export function landingRoutes(options: {
  title: string;
  examples: LandingExample[];
  signIn: LandingSignIn;
}): PageHandler {
  const page = renderLandingPage({ endpoint: '/graphql', ...options });
  const { signIn } = options;
  return async (pathname, req) => {
    // The token endpoint does not exist unless the gateway accepts the development key.
    if (pathname === DEV_TOKEN_PATH && signIn.kind === 'development')
      return serveDevToken(signIn, req);
    if (req.method !== 'GET') return null;
    if (pathname === '/') {
      return {
        body: page,
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': LANDING_CONTENT_SECURITY_POLICY },
      };
    }
    return readLandingAsset(pathname);
  };
}
