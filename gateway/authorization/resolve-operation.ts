import { GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '../../contracts/errors';

/**
 * The one operation of the document that will be planned and run, decided here with rules
 * stricter than both Apollo Server's and the query planner's (which disagree: the planner
 * reads an empty `operationName` as "no name" and runs the only operation, while Apollo Server
 * finds no operation named ''). Anything that is not exactly one query or mutation is refused
 * with a 400 before any department is called.
 */
export function resolveOperation(
  document: DocumentNode,
  operationName: unknown,
): OperationDefinitionNode {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const chosen = chooseOperation(operations, operationName);
  switch (chosen.operation) {
    case 'query':
    case 'mutation':
      return chosen;
    case 'subscription':
      throw refusal(
        'Subscriptions are not served by this gateway; send a query or a mutation.',
        'SUBSCRIPTION',
      );
    default:
      throw refusal(`Operations of type '${String(chosen.operation)}' are not served.`, 'UNKNOWN');
  }
}

function chooseOperation(
  operations: readonly OperationDefinitionNode[],
  operationName: unknown,
): OperationDefinitionNode {
  if (operations.length === 0) {
    throw refusal(
      'The document defines no operation (only fragments); add a query or a mutation.',
      'NO_OPERATION',
    );
  }
  if (operationName === undefined || operationName === null) {
    if (operations.length === 1) return operations[0]!;
    throw refusal(
      `The document defines ${operations.length} operations; name the one to run in "operationName".`,
      'AMBIGUOUS',
    );
  }
  if (typeof operationName !== 'string' || operationName.length === 0) {
    throw refusal(
      '"operationName" must be the non-empty name of an operation of the document, or left out.',
      'INVALID_NAME',
    );
  }
  const named = operations.filter((o) => o.name?.value === operationName);
  if (named.length === 1) return named[0]!;
  throw refusal(
    named.length === 0
      ? 'No operation of the document has the name given in "operationName".'
      : 'Several operations of the document have the name given in "operationName".',
    named.length === 0 ? 'UNKNOWN_NAME' : 'DUPLICATE_NAME',
  );
}

function refusal(message: string, reason: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.OPERATION_RESOLUTION_FAILURE,
      reason,
      http: { status: 400 },
    },
  });
}
