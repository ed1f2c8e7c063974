import { CONSOLE_CONTENT_SECURITY_POLICY } from './csp';
import type { ConsoleResponse } from './types';

/** A console document with its CSP; never cached (pages name persons). */
export function htmlResponse(body: string, status = 200): ConsoleResponse {
  return {
    status,
    body,
    contentType: 'text/html; charset=utf-8',
    headers: {
      'content-security-policy': CONSOLE_CONTENT_SECURITY_POLICY,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // Not no-referrer: Chromium would send 'Origin: null' with the console's own forms.
      'referrer-policy': 'same-origin',
    },
  };
}

/** 303 See Other, optionally setting the session cookie. */
export function redirect(location: string, cookie?: string): ConsoleResponse {
  return {
    status: 303,
    body: '',
    contentType: 'text/plain; charset=utf-8',
    headers: { location, 'cache-control': 'no-store', ...(cookie && { 'set-cookie': cookie }) },
  };
}
