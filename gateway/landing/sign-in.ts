import type { IncomingMessage } from 'node:http';
import type { PageResponse } from '../http/server';

/** Where the landing page asks for a development token; served only in development. */
export const DEV_TOKEN_PATH = '/dev/token';
/** Largest sign-in request body read, in bytes. */
const MAX_SIGN_IN_BYTES = 1_024;
/** A pseudonymous person id, the only thing a citizen sign-in names besides the consumer. */
const PERSON_ID = /^[A-Z0-9]{9}$/;

/** An example consumer the page offers in development. */
export interface SignInConsumer {
  name: string;
  description: string;
  /** The purpose it states in `x-purpose`. */
  purpose: string;
  /** A citizen stands for one person, chosen on the page. */
  needsPerson: boolean;
}

/** A development token, minted server-side for one example consumer. */
export interface MintedToken {
  token: string;
  purpose: string;
  expiresAt: string;
}

/**
 * How the landing page gets its headers. Development (the gateway accepts the development
 * key): it offers the example consumers and mints their tokens at DEV_TOKEN_PATH. Production:
 * it asks for a token and a purpose, and never mints.
 */
export type LandingSignIn =
  | {
      kind: 'development';
      consumers: readonly SignInConsumer[];
      /** Chosen on first load. */
      defaultConsumer: string;
      /** Prefilled person id for the citizen. */
      examplePerson?: string;
      mint(consumer: string, person: string | undefined): Promise<MintedToken>;
    }
  | { kind: 'token'; purposes: readonly { code: string; name: string }[] };

/**
 * POST DEV_TOKEN_PATH with `{"consumer": "caseworker"}` (`"person"` too for a citizen): a
 * fresh token and the consumer's purpose. JSON only and same-origin only, so another site's
 * page cannot have a browser mint one (a JSON POST across origins needs a preflight nobody
 * answers); from this machine only (loopback).
 */
export async function serveDevToken(
  signIn: Extract<LandingSignIn, { kind: 'development' }>,
  req: IncomingMessage,
): Promise<PageResponse> {
  if (req.method !== 'POST') return answer(405, { error: `Use POST ${DEV_TOKEN_PATH}.` });
  if (!req.headers['content-type']?.startsWith('application/json'))
    return answer(415, { error: 'Send the sign-in as application/json.' });
  if (!sameOrigin(req))
    return answer(403, { error: 'Development tokens are minted for this origin only.' });
  if (!fromLoopback(req))
    return answer(403, {
      error:
        'Development tokens are minted for browsers on this machine only; elsewhere, use a token from your identity provider.',
    });
  let request: { consumer?: unknown; person?: unknown };
  try {
    request = JSON.parse(await readSmallBody(req)) as typeof request;
  } catch (error) {
    return answer(400, { error: (error as Error).message });
  }
  const consumer = signIn.consumers.find((c) => c.name === request.consumer);
  if (!consumer) {
    const names = signIn.consumers.map((c) => c.name).join(', ');
    return answer(400, { error: `Name one of the example consumers: ${names}.` });
  }
  const person = consumer.needsPerson ? request.person : undefined;
  if (consumer.needsPerson && (typeof person !== 'string' || !PERSON_ID.test(person)))
    return answer(400, {
      error: `A ${consumer.name} signs in as one person: give a person id such as ${signIn.examplePerson ?? 'PCYGN28R6'}.`,
    });
  return answer(200, await signIn.mint(consumer.name, person as string | undefined));
}

// A gateway bound to a public interface with the development key must not mint for the network,
// nor for a page of another site whose name was rebound to 127.0.0.1 (DNS rebinding): it
// connects from the loopback address and is same-origin with itself, but names another host.
function fromLoopback(req: IncomingMessage): boolean {
  const address = req.socket?.remoteAddress ?? '';
  const local =
    address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  return local && LOOPBACK_NAME.test(req.headers.host ?? '');
}

const LOOPBACK_NAME =
  /^(localhost|[\w-]+\.localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d{1,5})?$/i;

function sameOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin') return false;
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false; // 'null' (a sandboxed frame) or garbage
  }
}

function answer(status: number, body: unknown): PageResponse {
  return {
    status,
    body: JSON.stringify(body),
    contentType: 'application/json; charset=utf-8',
    headers: { 'cache-control': 'no-store' },
  };
}

async function readSmallBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_SIGN_IN_BYTES)
      throw new Error(`A sign-in is at most ${MAX_SIGN_IN_BYTES} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
