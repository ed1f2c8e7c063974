import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../contracts/errors';

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * Only the project's codes are public. Outside development an error with any other code
 * (or none) is masked: its message may carry internals; the log keeps the detail.
 */
export function maskError(development: boolean) {
  return (error: GraphQLFormattedError): GraphQLFormattedError => {
    const formatted = withoutVariableValue(error);
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

const INVALID_VARIABLE = /^Variable "(\$\w+)" got invalid value /;

/**
 * A variable's invalid value is not repeated (graphql-js writes it, twice, into the message):
 * it may be a person's ID number or mobile typed in the wrong field, and messages reach pages,
 * logs and traces. The variable and the path inside it are kept.
 */
export function withoutVariableValue(error: GraphQLFormattedError): GraphQLFormattedError {
  const variable = INVALID_VARIABLE.exec(error.message)?.[1];
  if (!variable) return error;
  const at = / at "([\w.[\]]+)"; /.exec(error.message)?.[1];
  return {
    ...error,
    message: `Variable "${variable}" got an invalid value${at ? ` at "${at}"` : ''} (not repeated here): check the type the schema gives it.`,
  };
}
