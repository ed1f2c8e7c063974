import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../contracts/errors';

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * Only the project's codes are public. Outside development an error with any other code
 * (or none) is masked: its message may carry internals; the log keeps the detail.
 */
export function maskError(development: boolean) {
  return (error: GraphQLFormattedError): GraphQLFormattedError => {
    const formatted = withoutEchoedValue(error);
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
/** graphql-js's scalar and enum refusals end with the value: "Int cannot represent ...: <value>". */
const CANNOT_REPRESENT = /^(.{1,200}? cannot represent [^:]{0,80}?value): [\s\S]*$/;
const EXPECTED_TYPE = /^Expected value of type "([^"]{1,200})", found [\s\S]*$/;
/** The lexer names a token with its text: 'found String "<value>"', 'Unexpected Int "<value>"'. */
const TOKEN_TEXT = /\b(String|BlockString|Int|Float|Name) "(?:[^"\\]|\\.)*"/g;

/**
 * A value from the request is not repeated in an error (graphql-js writes it into variable,
 * literal and syntax errors): it may be a person's ID number or mobile typed in the wrong
 * place, and messages reach pages, logs and traces. What was wrong, and where, is kept.
 */
export function withoutEchoedValue(error: GraphQLFormattedError): GraphQLFormattedError {
  const message = echoless(error.message);
  return message === error.message ? error : { ...error, message };
}

function echoless(message: string): string {
  const variable = INVALID_VARIABLE.exec(message)?.[1];
  if (variable) {
    const at = / at "([\w.[\]]+)"; /.exec(message)?.[1];
    return `Variable "${variable}" got an invalid value${at ? ` at "${at}"` : ''} (not repeated here): check the type the schema gives it.`;
  }
  const scalar = CANNOT_REPRESENT.exec(message)?.[1];
  if (scalar) return `${scalar} (the value is not repeated here).`;
  const expected = EXPECTED_TYPE.exec(message)?.[1];
  if (expected)
    return `Expected value of type "${expected}"; the value given is not repeated here.`;
  return message.replace(TOKEN_TEXT, '$1');
}
