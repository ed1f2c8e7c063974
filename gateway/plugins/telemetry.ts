import type { ApolloServerPlugin } from '@apollo/server';
import type { FieldEffect } from '../../records';
import { planOf } from '../authorization/plugin';
import type { GatewayContext } from '../context';
import { outcomeOfResult } from '../refusals';
import { noteOperation, type Telemetry } from '../telemetry';

/**
 * Tells the operation's span and metrics what Apollo learnt: its type and name once resolved,
 * how the policy decided its fields, how it ended. The HTTP layer starts and ends the
 * operation (gateway/telemetry/operation.ts), so its duration covers the record's commit.
 */
export function telemetryPlugin(telemetry: Telemetry): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          noteOperation(rc.contextValue, {
            type: rc.operation?.operation ?? 'unknown',
            name: rc.operationName ?? null,
          });
        },
        async willSendResponse(rc) {
          const body = rc.response.body;
          if (body.kind === 'single') {
            noteOperation(rc.contextValue, { outcome: outcomeOfResult(body.singleResult).outcome });
          }
          const counts: Record<FieldEffect, number> = { allow: 0, mask: 0, deny: 0 };
          for (const decision of planOf(rc.contextValue)?.decisions ?? []) {
            counts[decision.effect] += 1;
          }
          for (const effect of ['allow', 'mask', 'deny'] as const) {
            if (counts[effect] > 0) telemetry.metrics.decisions(effect, counts[effect]);
          }
        },
      };
    },
  };
}
