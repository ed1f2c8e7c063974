import { HeaderMap, type GraphQLResponse } from '@apollo/server';
import {
  execute,
  GraphQLError,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { Classification, PolicyAbility } from '../../policies';
import { ErrorCode } from '../../schema/errors';
import { visibleSchema } from './visible-schema';

/** Each consumer's own graph, built once per (schema, ability) and kept while both live. */
export function createVisibleSchemas(classification: Classification) {
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<PolicyAbility, GraphQLSchema | null>>();
  return (schema: GraphQLSchema, ability: PolicyAbility): GraphQLSchema | null => {
    let byAbility = bySchema.get(schema);
    if (!byAbility) bySchema.set(schema, (byAbility = new WeakMap()));
    let visible = byAbility.get(ability);
    if (visible === undefined)
      byAbility.set(ability, (visible = visibleSchema(schema, ability, classification)));
    return visible;
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
  return { ...error.toJSON(), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
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
