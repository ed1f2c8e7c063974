import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { createHash } from 'node:crypto';
import { SpanStatusCode } from '@opentelemetry/api';
import { GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { consumerKey, maskValue, type Classification, type PolicyEngine } from '../../policies';
import { ErrorCode } from '../../contracts/errors';
import type { GatewayContext } from '../context';
import { childSpan, type Telemetry } from '../telemetry';
import { removeDeniedFields } from './filter-document';
import { createVisibleSchemas, introspect, validationErrorsFor } from './introspection';
import { planOperation, type AuthorizationPlan } from './plan';
import { requestDrafts } from './request-draft';
import { resolveOperation } from './resolve-operation';
import { rewriteAt, setNullAt } from './response';

/** reject: a denied field fails the operation. filter: denied fields become null with an error each. */
export type EnforcementMode = 'reject' | 'filter';

/** Operations × consumers × purposes whose decisions are kept. */
export const DEFAULT_PLAN_CACHE_SIZE = 10_000;

const plans = new WeakMap<GatewayContext, AuthorizationPlan>();

/** The plan the authorization plugin made for this request (the access record reads it). */
export function planOf(context: GatewayContext): AuthorizationPlan | undefined {
  return plans.get(context);
}

/**
 * Field-level enforcement before any department is called: every field of the operation is
 * decided once per (policy, operation, consumer, purpose) and cached; denied fields fail the
 * operation (reject) or are removed from it (filter); masked fields are masked in the response.
 */
export function authorizationPlugin(options: {
  /** The engine a request is decided with (default: its pinned policy's; the bench swaps it). */
  engineOf?: (context: GatewayContext) => PolicyEngine;
  mode: EnforcementMode;
  cacheSize?: number;
  /** Where the decision's span goes (default: none). */
  telemetry?: Telemetry;
}): ApolloServerPlugin<GatewayContext> {
  // Per supergraph generation: its decisions and visible schemas go when it drains.
  const byGeneration = new WeakMap<
    Classification,
    {
      cache: LRUCache<string, AuthorizationPlan>;
      visibleSchemas: ReturnType<typeof createVisibleSchemas>;
    }
  >();
  const generationOf = (context: GatewayContext) => {
    const { classification } = context.supergraph;
    let generation = byGeneration.get(classification);
    if (!generation) {
      generation = {
        cache: new LRUCache({ max: options.cacheSize ?? DEFAULT_PLAN_CACHE_SIZE }),
        visibleSchemas: createVisibleSchemas(classification),
      };
      byGeneration.set(classification, generation);
    }
    return generation;
  };
  const engineOf = options.engineOf ?? ((context: GatewayContext) => context.policy.engine);
  const visibleTo = (rc: { schema: GraphQLSchema; contextValue: GatewayContext }) =>
    generationOf(rc.contextValue).visibleSchemas(
      rc.schema,
      engineOf(rc.contextValue).abilityFor(
        rc.contextValue.consumer,
        rc.contextValue.purpose,
        rc.contextValue.document.id,
      ),
    );

  const planFor = (
    rc: GraphQLRequestContextDidResolveOperation<GatewayContext>,
    operation: OperationDefinitionNode,
  ): AuthorizationPlan => {
    const { consumer, purpose, policy } = rc.contextValue;
    // Decisions are kept per policy: a revision going live never reuses another's.
    const key = `${policy.key}\n${rc.queryHash}\n${rc.operationName ?? ''}\n${consumerKey(consumer)}\n${purpose}`;
    const { cache } = generationOf(rc.contextValue);
    let plan = cache.get(key);
    if (!plan) {
      const ability = engineOf(rc.contextValue).abilityFor(
        consumer,
        purpose,
        rc.contextValue.document.id,
      );
      plan = planOperation(
        rc.schema,
        rc.document,
        operation,
        ability,
        rc.contextValue.supergraph.classification,
      );
      cache.set(key, plan);
    }
    return plan;
  };

  const decide = (rc: GraphQLRequestContextDidResolveOperation<GatewayContext>): void => {
    // The exact operation the planner will run, or a 400: never an undecided one.
    const operation = resolveOperation(rc.document, rc.request.operationName);
    if (operation !== rc.operation) throw operationMismatch();
    const context = rc.contextValue;
    const plan = planFor(rc, operation);
    plans.set(context, plan);
    if (plan.undecidable.length > 0) throw undecidable(plan.undecidable);
    if (plan.introspection) {
      if (plan.decisions.length > 0) throw mixedIntrospection();
      return;
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
            sharingRequests: requestDrafts(
              plan.denied,
              context.supergraph.classification,
              context.consumer,
              context.purpose,
            ),
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
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const span = options.telemetry
            ? childSpan(options.telemetry, rc.contextValue, 'policy.decide')
            : null;
          try {
            decide(rc);
          } catch (error) {
            span?.setStatus({ code: SpanStatusCode.ERROR });
            throw error;
          } finally {
            const plan = plans.get(rc.contextValue);
            if (span?.isRecording())
              span.setAttributes({
                'policy.mode': options.mode,
                'policy.fields.allowed': plan
                  ? plan.decisions.filter((d) => d.effect === 'allow').length
                  : 0,
                'policy.fields.masked': plan?.masked.length ?? 0,
                'policy.fields.denied': plan?.denied.length ?? 0,
              });
            span?.end();
          }
        },
        async responseForOperation(rc) {
          if (!plans.get(rc.contextValue)?.introspection) return null;
          return introspect(visibleTo(rc), rc.document, rc.operationName, rc.request.variables);
        },
        async willSendResponse(rc) {
          const plan = plans.get(rc.contextValue);
          const body = rc.response.body;
          if (body.kind !== 'single') {
            // Incremental delivery is never planned here; nothing undecided leaves.
            rc.response.body = {
              kind: 'single',
              singleResult: { errors: [unsupportedDelivery()] },
            };
            return;
          }
          const errors = body.singleResult.errors;
          if (
            rc.document &&
            errors?.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')
          )
            body.singleResult.errors = validationErrorsFor(visibleTo(rc), rc.document);
          if (!body.singleResult.data || plan?.introspection) return;
          if (!plan) {
            // Data without a decision is never released.
            body.singleResult.data = null;
            return;
          }
          const data = body.singleResult.data;
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
        },
      };
    },
  };
}

function refusal(message: string, code: ErrorCode, status: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

function operationMismatch(): GraphQLError {
  return refusal(
    'The operation to run could not be determined unambiguously; name it in "operationName".',
    ErrorCode.OPERATION_RESOLUTION_FAILURE,
    400,
  );
}

function undecidable(selections: readonly string[]): GraphQLError {
  return refusal(
    `The gateway cannot decide ${selections.join(', ')} against the graph, so the operation is not run.`,
    ErrorCode.BAD_USER_INPUT,
    400,
  );
}

function mixedIntrospection(): GraphQLError {
  return refusal(
    'Introspection (__schema, __type) cannot be combined with data fields in one operation; ' +
      'send them as two operations.',
    ErrorCode.BAD_USER_INPUT,
    400,
  );
}

function unsupportedDelivery() {
  return {
    message: 'Incremental delivery (@defer, @stream) is not served; remove the directive.',
    extensions: { code: ErrorCode.BAD_USER_INPUT },
  };
}
