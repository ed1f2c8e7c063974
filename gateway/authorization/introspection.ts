import { HeaderMap, type GraphQLResponse } from '@apollo/server';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import {
  execute,
  GraphQLError,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { Classification, PolicyAbility } from '../../policies';
import { ErrorCode } from '../../contracts/errors';
import { visibleSchema, visibleView } from './visible-schema';
import { withoutEchoedValue } from '../errors';

/** Distinct visible graphs kept built (consumers that see the same fields share one). */
export const VISIBLE_SCHEMA_CACHE_SIZE = 200;

/**
 * Each consumer's own graph: the view is decided once per (schema, ability); the schema is
 * built once per distinct view, so a thousand citizens cost one build.
 */
export function createVisibleSchemas(classification: Classification) {
  const byAbility = new WeakMap<GraphQLSchema, WeakMap<PolicyAbility, GraphQLSchema | null>>();
  const byView = new WeakMap<GraphQLSchema, LRUCache<string, { schema: GraphQLSchema | null }>>();
  return (schema: GraphQLSchema, ability: PolicyAbility): GraphQLSchema | null => {
    let abilities = byAbility.get(schema);
    if (!abilities) byAbility.set(schema, (abilities = new WeakMap()));
    const known = abilities.get(ability);
    if (known !== undefined) return known;
    const view = visibleView(schema, ability, classification);
    const key = createHash('sha256')
      .update(JSON.stringify([...view.fields].map(([type, names]) => [type, [...names]])))
      .update(JSON.stringify([...view.notes]))
      .digest('hex');
    let built = byView.get(schema);
    if (!built) byView.set(schema, (built = new LRUCache({ max: VISIBLE_SCHEMA_CACHE_SIZE })));
    let entry = built.get(key);
    if (!entry) built.set(key, (entry = { schema: visibleSchema(schema, view) }));
    abilities.set(ability, entry.schema);
    return entry.schema;
  };
}

/**
 * Answers an introspection operation from the consumer's own graph: what is not open to them
 * is not named, whatever the shape of the query (aliases, fragments, any depth, `__type` on
 * any name).
 */
export function introspect(
  visible: GraphQLSchema | null,
  document: DocumentNode,
  operationName: string | null,
  variables: Record<string, unknown> | undefined,
): GraphQLResponse {
  if (!visible) throw nothingReadable();
  const invalid = validate(visible, document);
  if (invalid.length > 0) return single({ errors: invalid.map(validationError) }, 400);
  const result = execute({
    schema: visible,
    document,
    operationName,
    variableValues: variables,
  });
  if ('then' in result) throw new Error('Introspection is synchronous');
  return single({
    data: result.data ?? null,
    ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}),
  });
}

/**
 * Validation errors restated against the consumer's own graph: Apollo validates against the
 * whole graph, whose messages ("Did you mean ...?", "on type MedicalRecord") can name what the
 * consumer cannot read. Falls back to one plain message when their graph finds nothing wrong.
 */
export function validationErrorsFor(
  visible: GraphQLSchema | null,
  document: DocumentNode,
): GraphQLFormattedError[] {
  const errors = visible ? validate(visible, document) : [];
  if (errors.length > 0) return errors.map(validationError);
  return [
    {
      message:
        'The operation is not valid against the graph open to you; introspect it (or open the ' +
        'landing page with your token) to see the types and fields you can read.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    },
  ];
}

function validationError(error: GraphQLError): GraphQLFormattedError {
  // Restated after formatError ran: the value a literal held is taken out here too.
  return withoutEchoedValue({
    ...error.toJSON(),
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  });
}

function nothingReadable(): GraphQLError {
  return new GraphQLError(
    'No query field of the graph is open to you under this purpose, so there is no schema to ' +
      'show; ask the data bureau which grants exist for your role (npm run policy -- who-can).',
    { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } },
  );
}

function single(
  singleResult: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] },
  status?: number,
): GraphQLResponse {
  return {
    http: { status, headers: new HeaderMap() },
    body: { kind: 'single', singleResult },
  };
}
