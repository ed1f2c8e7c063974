import type { IncomingMessage } from 'node:http';

/** What a console route answers (the gateway's PageResponse, by shape: the console imports no gateway). */
export interface ConsoleResponse {
  status?: number;
  body: string | Buffer;
  contentType: string;
  headers?: Record<string, string>;
}

/** A route handler as the gateway mounts it: null when the path is not the console's. */
export type ConsoleHandler = (
  pathname: string,
  req: IncomingMessage,
) => Promise<ConsoleResponse | null>;

/** One development consumer the sign-in offers (the gateway's SignInConsumer, by shape). */
export interface SignInOption {
  name: string;
  description: string;
  purpose: string;
  needsPerson: boolean;
}

/**
 * How officials sign in, as the gateway's landing page does: in development the example
 * consumers with tokens the gateway mints; otherwise a token from the identity provider
 * and a purpose. The console never verifies a token itself: the graph does, on every call.
 */
export type ConsoleSignIn =
  | {
      kind: 'development';
      consumers: readonly SignInOption[];
      mint(
        consumer: string,
        person: string | undefined,
      ): Promise<{ token: string; purpose: string }>;
    }
  | { kind: 'token'; purposes: readonly { code: string; name: string }[] };
