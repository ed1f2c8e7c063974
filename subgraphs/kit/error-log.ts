import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../../contracts/errors';
import { loggedError, type Logger } from '../../contracts/logger';
import type { Caller } from './caller';

// Codes a department gives on purpose: the caller's mistake, not the department's failure.
const EXPECTED = new Set<string>(
  Object.values(ErrorCode).filter((c) => c !== 'INTERNAL_SERVER_ERROR'),
);

/**
 * Logs every error a department did not raise on purpose (no public code), with the request
 * id the gateway signed, so "Unexpected error." at the gateway can be traced to its cause.
 * Never logs variables or data.
 */
export function logUnexpectedErrors(logger: Logger): ApolloServerPlugin<{ caller: Caller }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (typeof code === 'string' && (EXPECTED.has(code) || code.startsWith('GRAPHQL_')))
              continue;
            logger.error(
              {
                requestId: contextValue?.caller?.requestId ?? null,
                operationName: operationName ?? null,
                path: error.path?.join('.'),
                error: loggedError(error.originalError ?? error),
              },
              'unexpected error',
            );
          }
        },
      };
    },
  };
}
