import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../schema/errors';

const STATUS = {
  UNAUTHENTICATED: 401,
  BAD_USER_INPUT: 400,
  FORBIDDEN: 403,
} as const satisfies Partial<Record<ErrorCode, number>>;

/** The public codes an identity or purpose check fails with. */
export type IdentityErrorCode = keyof typeof STATUS;

/**
 * A caller, token or stated purpose the gateway refuses. Its message is safe to show the
 * client: it never carries the token nor a personal claim value.
 */
export class IdentityError extends GraphQLError {
  /** HTTP status of the refusal: 401, 400 or 403. */
  readonly status: number;

  constructor(
    readonly code: IdentityErrorCode,
    message: string,
  ) {
    const status = STATUS[code];
    // RFC 6750 §3: a 401 names the scheme the client must use.
    const headers = status === 401 ? new HeaderMap([['www-authenticate', 'Bearer']]) : undefined;
    super(message, {
      extensions: { code: ErrorCode[code], http: { status, ...(headers && { headers }) } },
    });
    this.name = 'IdentityError';
    this.status = status;
  }
}

/** Shorthand for the 401 every token problem answers with. */
export function unauthenticated(message: string): IdentityError {
  return new IdentityError('UNAUTHENTICATED', message);
}
