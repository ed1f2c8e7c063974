import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../contracts/errors';

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * Only the project's codes are public. Outside development an error with any other code
 * (or none) is masked: its message may carry internals; the log keeps the detail.
 */
export function maskError(development: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (
      typeof code === 'string' &&
      PUBLIC_CODES.has(code) &&
      code !== ErrorCode.INTERNAL_SERVER_ERROR
    ) {
      return formatted;
    }
    if (isGraphQLValidation(code)) return formatted;
    if (development) return formatted;
    return {
      message: 'Unexpected error. The gateway log has the detail under this request id.',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

// Parse and validation errors describe the client's own document: always shown.
function isGraphQLValidation(code: unknown): boolean {
  return (
    code === 'GRAPHQL_PARSE_FAILED' ||
    code === 'GRAPHQL_VALIDATION_FAILED' ||
    code === 'BAD_REQUEST' ||
    code === 'PERSISTED_QUERY_NOT_FOUND' ||
    code === 'OPERATION_RESOLUTION_FAILURE'
  );
}
