import {
  defaultFieldResolver,
  GraphQLError,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { ErrorCode } from '../../contracts/errors';
import type { RowDecision } from './row-gate';

/** What a gated resolver needs of its request's context. */
export interface GateContext {
  caller: {
    readonly purpose: string;
    /** Whether this field of this row may be returned (see `createRowGate`). */
    reads(type: string, field: string, row: unknown): RowDecision;
  };
}

/**
 * Puts every field of every object type the department resolves (root types and federation's
 * own aside) behind the caller's per-field row gate: a field is resolved only on the rows a
 * rule opening that very field admits; otherwise it is null with a FORBIDDEN error at its path.
 * The wrap is outermost, so a denied field never reaches the resolver (nor the note of whose
 * data it is). Mutates the schema's field resolvers.
 */
export function gateFields(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].map(
      (t) => t?.name,
    ),
  );
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_') || roots.has(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      field.resolve = gated(type.name, field.name, field.resolve ?? defaultFieldResolver);
    }
  }
  return schema;
}

function gated(
  type: string,
  field: string,
  resolve: GraphQLFieldResolver<unknown, GateContext>,
): GraphQLFieldResolver<unknown, GateContext> {
  return (source, args, context, info) => {
    const decision = context.caller.reads(type, field, source);
    switch (decision) {
      case 'allow':
        return resolve(source, args, context, info);
      case 'deny':
        throw forbidden(type, field, context.caller.purpose);
      default: {
        const unknown: never = decision;
        throw forbidden(type, field, String(unknown));
      }
    }
  };
}

function forbidden(type: string, field: string, purpose: string): GraphQLError {
  return new GraphQLError(
    `${type}.${field} is not open for this row under purpose '${purpose}': no policy rule ` +
      'opening this field has row conditions the row meets (or that this department can check).',
    { extensions: { code: ErrorCode.FORBIDDEN } },
  );
}
