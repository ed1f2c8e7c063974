import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../../contracts/errors';
import type { GatewayContext } from '../context';

/**
 * Tells the client under which request id the gateway logged what it masked: every
 * INTERNAL_SERVER_ERROR carries `extensions.requestId` (the `x-request-id` response header
 * carries it on every response).
 */
export function requestIdPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR) continue;
            (error as { extensions: Record<string, unknown> }).extensions = {
              ...error.extensions,
              requestId: contextValue.requestId,
            };
          }
        },
      };
    },
  };
}
