/**
 * Content-Security-Policy to send with the landing page. Scripts only from this origin
 * (the page has no inline script: its settings are a JSON data block read by
 * '/graphiql/boot.js'); fonts and icons are data: URLs inside graphiql.min.css; requests
 * only to this origin, so the GraphQL endpoint must be same-origin.
 */
export const LANDING_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
