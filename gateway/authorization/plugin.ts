import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { createHash } from 'node:crypto';
import { GraphQLError, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { consumerKey, maskValue, type Classification, type PolicyEngine } from '../../policies';
import { ErrorCode } from '../../schema/errors';
import type { GatewayContext } from '../context';
import { removeDeniedFields } from './filter-document';
import { hideUnsharedFields } from './introspection';
import { planOperation, type AuthorizationPlan } from './plan';
import { rewriteAt, setNullAt } from './response';

/** reject: a denied field fails the operation. filter: denied fields become null with an error each. */
export type EnforcementMode = 'reject' | 'filter';

/** Operations × consumers × purposes whose decisions are kept. */
export const DEFAULT_PLAN_CACHE_SIZE = 10_000;

/** The role that may introspect the graph (never seeing other departments' NONE fields). */
export const INTROSPECTION_ROLE = 'developer';

const plans = new WeakMap<GatewayContext, AuthorizationPlan>();

/** The plan the authorization plugin made for this request (the access record reads it). */
export function planOf(context: GatewayContext): AuthorizationPlan | undefined {
  return plans.get(context);
}

/**
 * Field-level enforcement before any department is called: every field of the operation is
 * decided once per (operation, consumer, purpose) and cached; denied fields fail the
 * operation (reject) or are removed from it (filter); masked fields are masked in the response.
 */
export function authorizationPlugin(options: {
  engine: PolicyEngine;
  classification: Classification;
  mode: EnforcementMode;
  /** Off only in a benchmark run (BENCHMARK_DISABLE=masking). */
  mask?: boolean;
  cacheSize?: number;
}): ApolloServerPlugin<GatewayContext> {
  const cache = new LRUCache<string, AuthorizationPlan>({
    max: options.cacheSize ?? DEFAULT_PLAN_CACHE_SIZE,
  });

  const planFor = (
    rc: GraphQLRequestContextDidResolveOperation<GatewayContext>,
    operation: OperationDefinitionNode,
  ): AuthorizationPlan => {
    const { consumer, purpose } = rc.contextValue;
    const key = `${rc.queryHash}\n${rc.operationName ?? ''}\n${consumerKey(consumer)}\n${purpose}`;
    let plan = cache.get(key);
    if (!plan) {
      const ability = options.engine.abilityFor(consumer, purpose);
      plan = planOperation(rc.schema, rc.document, operation, ability, options.classification);
      cache.set(key, plan);
    }
    return plan;
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (!rc.operation) return;
          const context = rc.contextValue;
          const plan = planFor(rc, rc.operation);
          plans.set(context, plan);
          if (plan.introspection && context.consumer.role !== INTROSPECTION_ROLE) {
            throw new GraphQLError(
              `Introspection is open to the '${INTROSPECTION_ROLE}' role only; ` +
                'the schema is documented in the landing page and schema/*.graphql.',
              { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } },
            );
          }
          if (plan.denied.length === 0) return;
          if (options.mode === 'reject') {
            throw new GraphQLError(
              `${plan.denied.length} field(s) of this operation are not open to you for purpose ` +
                `'${context.purpose}': ${plan.denied.map((d) => `${d.path} (${d.coordinate})`).join(', ')}. ` +
                plan.denied[0]!.reason,
              {
                extensions: {
                  code: ErrorCode.FORBIDDEN,
                  http: { status: 403 },
                  denied: plan.denied.map((d) => ({ ...d, openedBy: [...d.openedBy] })),
                },
              },
            );
          }
          // Filter mode: the departments receive the operation without the denied fields; the
          // plan-cache key changes with it, so no other caller reuses this reduced plan.
          const mutable = rc as { document: typeof rc.document; queryHash: string };
          mutable.document = removeDeniedFields(rc.document, rc.operationName, plan.deniedPaths);
          mutable.queryHash = createHash('sha256')
            .update(rc.queryHash)
            .update(JSON.stringify(plan.deniedPaths))
            .digest('hex');
        },
        async willSendResponse(rc) {
          const plan = plans.get(rc.contextValue);
          const body = rc.response.body;
          if (!plan || body.kind !== 'single' || !body.singleResult.data) return;
          const data = body.singleResult.data;
          if (options.mask !== false)
            for (const field of plan.masked)
              rewriteAt(data, field.path, (value) => maskValue(field.style, value));
          if (options.mode === 'filter' && plan.denied.length > 0) {
            for (const path of plan.deniedPaths) setNullAt(data, path);
            body.singleResult.errors = [
              ...(body.singleResult.errors ?? []),
              ...plan.denied.map((d) => ({
                message: d.reason,
                path: d.path.split('.'),
                extensions: {
                  code: ErrorCode.FORBIDDEN,
                  coordinate: d.coordinate,
                  openedBy: [...d.openedBy],
                },
              })),
            ];
          }
          if (plan.introspection && rc.operation) {
            hideUnsharedFields(
              data,
              rc.operation,
              rc.request.variables,
              options.classification,
              rc.contextValue.consumer,
            );
          }
        },
      };
    },
  };
}
