import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../contracts/errors';

const STATUS = {
  UNAUTHENTICATED: 401,
  BAD_USER_INPUT: 400,
  FORBIDDEN: 403,
} as const satisfies Partial<Record<ErrorCode, number>>;

/** The public codes an identity or purpose check fails with. */
export type IdentityErrorCode = keyof typeof STATUS;

/** Why a token was refused, as the access record names it (never the token itself). */
export type TokenRefusal =
  | 'token-missing'
  | 'token-too-long'
  | 'token-malformed'
  | 'token-signature'
  | 'token-expired'
  | 'token-claims';

/** Why a stated purpose or case number was refused. */
export type PurposeRefusal =
  'purpose-missing' | 'purpose-malformed' | 'purpose-unknown' | 'case-number-malformed';

/** The reason an identity or purpose check gives the access record. */
export type IdentityRefusal = TokenRefusal | PurposeRefusal;

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
    /** For the access record: what was wrong, as a code. */
    readonly reason: IdentityRefusal,
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
export function unauthenticated(message: string, reason: TokenRefusal): IdentityError {
  return new IdentityError('UNAUTHENTICATED', message, reason);
}
