/**
 * Content-Security-Policy of every console page: nothing inline (no script, no style
 * attribute), every asset from this origin (served from the installed packages), forms post
 * only to this origin, never framed. Charts are SVG elements in the page, styled by class.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
