import type { GraphQLDataSource } from '@apollo/gateway';
import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import { parse, type GraphQLSchema } from 'graphql';
import { checkSupergraph, generationGateway, supergraphHolder } from '../../../gateway/generation';
import { staticPolicyHolder } from '../../../gateway/live-policy/holder';
import { createLogger } from '../../../gateway/logger';
import { loadPolicies } from '../../../policies';
import {
  committedSupergraph,
  SATISFACTION_QUERY,
  withoutSatisfaction,
} from '../../support/supergraph-registry';

const logger = createLogger('silent');
/** Every department answers a list of one department, and counts the calls it gets. */
const calls: string[] = [];
const department: GraphQLDataSource = {
  process: async ({ request }) => {
    calls.push(request.query ?? '');
    return { data: { departments: [{ code: 'D1', appealSummary: null }] } } as never;
  },
};

async function twoGenerations() {
  const first = checkSupergraph(withoutSatisfaction, logger);
  const policy = staticPolicyHolder(loadPolicies(), first.classification);
  const holder = supergraphHolder(first, policy);
  const gateway = generationGateway({
    holder,
    overrides: {},
    buildService: () => department,
    logger,
    warmOperations: 0,
  });
  const schemas: GraphQLSchema[] = [];
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => schemas.push(apiSchema));
  const { executor } = await gateway.load({ apollo: {} } as never);
  await gateway.reload(committedSupergraph);
  expect(schemas).toHaveLength(2);
  return { first, executor: executor as GatewayExecutor, newer: schemas[1]!, gateway };
}

/** A request admitted under `admitted` and validated by Apollo against `validatedOn`. */
function run(
  executor: GatewayExecutor,
  admitted: ReturnType<typeof checkSupergraph>,
  validatedOn: GraphQLSchema,
  query: string,
) {
  const document = parse(query);
  return executor({
    request: { query },
    document,
    source: query,
    operation: document.definitions[0],
    operationName: null,
    schema: validatedOn,
    context: { supergraph: admitted },
    metrics: {},
    overallCachePolicy: { restrict: () => undefined, policyIfCacheable: () => null },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    cache: { get: async () => undefined, set: async () => undefined, delete: async () => true },
    queryHash: 'x',
  } as never);
}

describe('a request caught by a supergraph swap between admission and validation', () => {
  it('runs on the generation it was admitted under when the operation is valid there', async () => {
    const { first, executor, newer, gateway } = await twoGenerations();
    calls.length = 0;
    const result = await run(executor, first, newer, '{ departments { code } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ departments: [{ code: 'D1' }] });
    expect(calls).toHaveLength(1);
    await gateway.stop();
  });

  it('is refused, to be sent again, when the operation is not valid on its generation', async () => {
    const { first, executor, newer, gateway } = await twoGenerations();
    calls.length = 0;
    await expect(run(executor, first, newer, SATISFACTION_QUERY)).rejects.toMatchObject({
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', http: { status: 503 } },
    });
    expect(calls).toHaveLength(0); // no department was called
    await gateway.stop();
  });
});
