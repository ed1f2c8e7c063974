import type { IncomingMessage } from 'node:http';
import { z } from 'zod';

/** The cookie holding the signed-in official's token and purpose (HttpOnly, this path only). */
export const SESSION_COOKIE = 'console_session';
/** Where the console lives in the gateway's URL space. */
export const CONSOLE_PATH = '/console';

/** Who is signed in, as the token says (display and navigation only: the graph verifies). */
export interface Viewer {
  id: string;
  kind: string;
  department: string | null;
  role: string | null;
  jurisdiction: string | null;
  /** When the token, and with it the sign-in, ends (ISO time). */
  until: string | null;
}

export interface Session {
  token: string;
  purpose: string;
  viewer: Viewer;
}

const stored = z.object({ token: z.string().min(1).max(8_192), purpose: z.string().max(100) });
const claims = z.object({
  sub: z.string(),
  kind: z.string(),
  dept: z.string().optional(),
  role: z.string().optional(),
  jurisdiction: z.string().optional(),
  exp: z.number().optional(),
});

/** The session the request's cookie names, or null (no cookie, or not one the console wrote). */
export function readSession(req: IncomingMessage): Session | null {
  const value = cookieValue(req.headers.cookie ?? '', SESSION_COOKIE);
  if (!value) return null;
  try {
    const session = stored.parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    const viewer = viewerOf(session.token);
    return viewer && { ...session, viewer };
  } catch {
    return null;
  }
}

/** The claims of a token, unverified: what the pages show and which links they offer. */
export function viewerOf(token: string): Viewer | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null; // not a JWT: the sign-in page says the token is not for a console role
  }
  const parsed = claims.safeParse(json);
  if (!parsed.success) return null;
  const c = parsed.data;
  return {
    id: c.sub,
    kind: c.kind,
    department: c.dept ?? null,
    role: c.role ?? null,
    jurisdiction: c.jurisdiction ?? null,
    until: c.exp ? new Date(c.exp * 1000).toISOString() : null,
  };
}

/**
 * Set-Cookie for a new session: HttpOnly, SameSite=Strict, the console's path only, and
 * Secure when the browser came over HTTPS (so the token is never sent in clear text).
 */
export function sessionCookie(token: string, purpose: string, secure = false): string {
  const value = Buffer.from(JSON.stringify({ token, purpose })).toString('base64url');
  return `${SESSION_COOKIE}=${value}; Path=${CONSOLE_PATH}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/**
 * Whether the browser reached the console over HTTPS: this connection is TLS, or a proxy
 * says it terminated TLS. Trusting the header only ever makes the cookie stricter.
 */
export function overHttps(req: IncomingMessage): boolean {
  const proto = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase();
  return Boolean((req.socket as { encrypted?: boolean }).encrypted) || first === 'https';
}

/** Set-Cookie that ends the session. */
export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=${CONSOLE_PATH}; HttpOnly; SameSite=Strict; Max-Age=0`;
}

function cookieValue(header: string, name: string): string | null {
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}
