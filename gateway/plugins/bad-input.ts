import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../../contracts/errors';
import type { GatewayContext } from '../context';

/**
 * A request a department refused for a malformed argument (BAD_USER_INPUT, naming the
 * argument) is the client's mistake: the response is a 400 and carries no data, whatever
 * other fields of the operation were served. Departments cannot set the gateway's status, so
 * it is set here, from the code.
 */
export function badInputPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const refused = (result.errors ?? []).some(
            (e) => e.extensions?.code === ErrorCode.BAD_USER_INPUT,
          );
          if (!refused) return;
          delete (result as { data?: unknown }).data;
          if (response.http) response.http.status = 400;
        },
      };
    },
  };
}
