import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import type { Logger } from '../logger';

/** Logs one line per operation: request id, operation name, error codes, duration. */
export function requestLogPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors }) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const codes = errors?.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          logger.info(
            {
              requestId: contextValue.requestId,
              operationName,
              errors: codes,
              ms: Math.round(ms * 10) / 10,
            },
            'operation',
          );
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (!error.extensions?.code || error.extensions.code === 'INTERNAL_SERVER_ERROR') {
              // Full detail for operators; messages of unexpected errors never carry variables.
              logger.error(
                { requestId: contextValue.requestId, err: error.originalError ?? error },
                'unexpected error',
              );
            }
          }
        },
      };
    },
  };
}
