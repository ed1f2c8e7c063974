import type { IncomingMessage } from 'node:http';

/** Largest form body read, in bytes. */
const MAX_FORM_BYTES = 16_384;

/**
 * Whether a POST comes from a console page: the browser says same-origin, or the Origin
 * names this host. Anything else (another site's form, a request without either) is refused.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin') return false;
  const origin = req.headers.origin;
  if (!origin) return site === 'same-origin';
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false; // 'null' (a sandboxed frame) or garbage
  }
}

/** An application/x-www-form-urlencoded body, at most MAX_FORM_BYTES. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
    throw new RangeError('Send the form as application/x-www-form-urlencoded.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new RangeError(`A form is at most ${MAX_FORM_BYTES} bytes.`);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Whether the request comes from this machine, to this machine by a loopback name
 * (development sign-in only). The name matters: a page of another site whose name was
 * rebound to 127.0.0.1 (DNS rebinding) comes from the loopback address, and is same-origin
 * with itself, but does not ask for localhost.
 */
export function fromLoopback(req: IncomingMessage): boolean {
  const address = req.socket?.remoteAddress ?? '';
  const local =
    address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  return local && LOOPBACK_HOST.test(req.headers.host ?? '');
}

const LOOPBACK_HOST =
  /^(localhost|[\w-]+\.localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d{1,5})?$/i;
