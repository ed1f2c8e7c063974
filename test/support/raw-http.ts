import { connect } from 'node:net';

/** A response read off the wire. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the first byte sent to the connection's close. */
  ms: number;
}

/**
 * Sends bytes to a server as they are, in parts (`stall` waits between them; pass a part of
 * null to stop sending and wait), and reads the response until the server closes the
 * connection or `timeoutMs` passes. For requests no HTTP client would send.
 */
export function rawRequest(
  url: string,
  parts: (string | Buffer | { stallMs: number })[],
  timeoutMs = 15_000,
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete response within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined); // a reset after the answer: the answer is what counts
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [
          l.slice(0, l.indexOf(':')).toLowerCase(),
          l.slice(l.indexOf(':') + 1).trim(),
        ]),
      );
      const status = Number(statusLine.split(' ')[1]);
      const raw = rest.join('\r\n\r\n');
      const body = headers['transfer-encoding'] === 'chunked' ? dechunk(raw) : raw;
      if (!status) reject(new Error(`no HTTP response: ${JSON.stringify(text.slice(0, 200))}`));
      else resolve({ status, headers, body, ms: Date.now() - started });
    });
    socket.on('connect', async () => {
      for (const part of parts) {
        if (socket.destroyed) return;
        if (typeof part === 'object' && !Buffer.isBuffer(part)) {
          await new Promise((r) => setTimeout(r, part.stallMs).unref());
        } else {
          socket.write(part);
        }
      }
    });
  });
}

/** An HTTP/1.1 request head (the connection closes after the response). */
export function head(
  method: string,
  path: string,
  headers: Record<string, string | number>,
): string {
  const lines = Object.entries({ host: 'gateway', connection: 'close', ...headers }).map(
    ([name, value]) => `${name}: ${value}`,
  );
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

function dechunk(raw: string): string {
  let out = '';
  let rest = raw;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, eol), 16);
    if (!size) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}
