import type { ApolloGateway } from '@apollo/gateway';
import { operationFromDocument, type Operation, type Schema } from '@apollo/federation-internals';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { DocumentNode } from 'graphql';
import { createHash } from 'node:crypto';
import type { Logger } from '../logger';

/** Distinct operations counted per generation; past it, operations not yet seen are not counted. */
export const MAX_COUNTED_OPERATIONS = 2_000;

/** One operation as the query planner keys it, and how often the generation ran it. */
export interface CountedOperation {
  /** The plan cache key Apollo's executor looks up (its queryHash, with the operation name). */
  readonly key: string;
  readonly document: DocumentNode;
  readonly operationName: string | null;
  hits: number;
}

/** The operations one generation has run, by plan cache key. */
export interface OperationCounts {
  count(request: GatewayGraphQLRequestContext): void;
  /** The `n` most run, most first. */
  top(n: number): CountedOperation[];
}

export function operationCounts(max = MAX_COUNTED_OPERATIONS): OperationCounts {
  const counted = new Map<string, CountedOperation>();
  return {
    count({ request, document, queryHash }) {
      const operationName = request.operationName ?? null;
      const key = planKey(queryHash, operationName);
      const seen = counted.get(key);
      if (seen) seen.hits += 1;
      else if (counted.size < max) counted.set(key, { key, document, operationName, hits: 1 });
    },
    top: (n) => [...counted.values()].sort((a, b) => b.hits - a.hits).slice(0, n),
  };
}

/** Apollo's executor's plan cache key (`@apollo/gateway` 2.x): see its `executor`. */
function planKey(queryHash: string, operationName: string | null): string {
  return operationName
    ? createHash('sha256').update(queryHash).update(operationName).digest('hex')
    : queryHash;
}

/** The parts of a loaded ApolloGateway that plan (not in its public API; checked before use). */
interface Planner {
  apiSchema?: Schema;
  queryPlanner?: { buildQueryPlan(operation: Operation, options?: object): unknown };
  recursiveSelectionsLimitDisabled?: boolean;
  nonLocalSelectionsLimitDisabled?: boolean;
  queryPlanStore?: { set(key: string, plan: unknown): Promise<void> };
}

/**
 * Plans `operations` on a loaded (not yet serving) Apollo gateway and stores each plan where
 * its executor looks first, so the first requests on the new generation do not plan. Yields to
 * the event loop between plans: requests on the generation serving now are not held up. An
 * operation the new graph does not accept is skipped. Returns how many were planned.
 */
export async function warmPlans(
  apollo: ApolloGateway,
  operations: readonly CountedOperation[],
  logger: Logger,
): Promise<number> {
  const planner = apollo as unknown as Planner;
  const { apiSchema, queryPlanner, queryPlanStore } = planner;
  if (!apiSchema || !queryPlanner || !queryPlanStore) {
    logger.warn('this @apollo/gateway does not expose its planner: plans are not warmed');
    return 0;
  }
  let planned = 0;
  for (const operation of operations) {
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const parsed = operationFromDocument(apiSchema, operation.document, {
        operationName: operation.operationName ?? undefined,
      });
      // The options Apollo's executor plans with.
      const plan = queryPlanner.buildQueryPlan(parsed, {
        recursiveSelectionsLimitDisabled: planner.recursiveSelectionsLimitDisabled,
        nonLocalSelectionsLimitDisabled: planner.nonLocalSelectionsLimitDisabled,
      });
      await queryPlanStore.set(operation.key, plan);
      planned += 1;
    } catch {
      // Not valid on the new graph: its requests will be refused there, nothing to plan.
    }
  }
  return planned;
}
