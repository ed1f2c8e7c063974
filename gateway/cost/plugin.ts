import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../contracts/errors';
import type { GatewayContext } from '../context';
import { actualCost } from './actual';
import type { CostDirectives } from './directives';
import { estimateCost, SlicingArgumentError, type CostOptions } from './estimate';
import { MUTATION_WEIGHT, type CostSettings } from './options';

interface Estimate {
  estimated: number;
  max: number;
}

/**
 * Demand control: every operation's cost is estimated from its supergraph's @cost and
 * @listSize before any department is called. In `enforce` mode one dearer than its
 * consumer class's maximum is a 400 COST_ESTIMATED_TOO_EXPENSIVE with both numbers; a
 * request whose `extensions.cost` is true gets `extensions.cost` back (estimated, actual, max, mode).
 */
export function demandControlPlugin(
  /** The directives a request is estimated under: its supergraph generation's. */
  directivesOf: (context: GatewayContext) => CostDirectives,
  settings: CostSettings,
  onRefused: () => void = () => {},
): ApolloServerPlugin<GatewayContext> {
  const options: CostOptions = {
    defaultListSize: settings.defaultListSize,
    mutationWeight: MUTATION_WEIGHT,
  };
  const estimates = new WeakMap<object, Estimate>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (!rc.operation) return; // the authorization plugin refuses it
          const max = settings.max[rc.contextValue.consumer.kind];
          let estimated: number;
          try {
            estimated = estimateCost(
              rc.schema,
              directivesOf(rc.contextValue),
              rc.document,
              rc.operation,
              rc.request.variables ?? {},
              options,
            );
          } catch (error) {
            if (!(error instanceof SlicingArgumentError)) throw error;
            throw new GraphQLError(error.message, {
              extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
            });
          }
          estimates.set(rc.contextValue.record, { estimated, max });
          if (settings.mode === 'enforce' && estimated > max) {
            onRefused();
            throw new GraphQLError(
              `This operation's estimated cost is ${estimated}; at most ${max} is served to ` +
                `${rc.contextValue.consumer.kind} consumers. Ask for smaller pages (limit) or fewer lists.`,
              {
                extensions: {
                  code: ErrorCode.COST_ESTIMATED_TOO_EXPENSIVE,
                  cost: estimated,
                  max,
                  http: { status: 400 },
                },
              },
            );
          }
        },
        async willSendResponse(rc) {
          const estimate = estimates.get(rc.contextValue.record);
          const body = rc.response.body;
          if (!estimate || body.kind !== 'single' || rc.request.extensions?.cost !== true) return;
          const { data } = body.singleResult;
          const actual =
            data && rc.document && rc.operation
              ? actualCost(
                  rc.schema,
                  directivesOf(rc.contextValue),
                  rc.document,
                  rc.operation,
                  data,
                  options,
                )
              : 0;
          body.singleResult.extensions = {
            ...body.singleResult.extensions,
            cost: { ...estimate, actual, mode: settings.mode },
          };
        },
      };
    },
  };
}
