import { readFileSync } from 'node:fs';
import {
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { UsageError } from './command';

/** An operation to explain: the whole document and the operation selected in it. */
export interface SelectedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

/** The operation text of --query or --file. */
export function readOperationText(options: { query?: string; file?: string }): {
  text: string;
  source: string;
} {
  if ((options.query === undefined) === (options.file === undefined)) {
    throw new UsageError("Give the operation with --query '<graphql>' or --file <op.graphql>.");
  }
  if (options.query !== undefined) return { text: options.query, source: '--query' };
  try {
    return { text: readFileSync(options.file!, 'utf8'), source: options.file! };
  } catch (error) {
    throw new Error(`Cannot read the operation file ${options.file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Parses an operation and validates it against the API schema, as the gateway would before
 * deciding any field; throws an Error listing every problem with its line and column.
 */
export function selectOperation(
  schema: GraphQLSchema,
  text: string,
  source: string,
  operationName: string | undefined,
): SelectedOperation {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    throw new Error(
      `The operation in ${source} does not parse:\n${describe(error as GraphQLError)}`,
      {
        cause: error,
      },
    );
  }
  const errors = validate(schema, document);
  if (errors.length > 0) {
    throw new Error(
      `The operation in ${source} is not valid against the graph's API schema:\n${errors.map(describe).join('\n')}`,
    );
  }
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const names = operations.map((o) => o.name?.value ?? '(anonymous)').join(', ');
  if (operationName === undefined) {
    if (operations.length === 1) return { document, operation: operations[0]! };
    throw new UsageError(
      `${source} holds ${operations.length} operations (${names}); choose one with --operation <name>.`,
    );
  }
  const operation = operations.find((o) => o.name?.value === operationName);
  if (!operation) {
    throw new UsageError(`${source} has no operation named ${operationName}; it holds: ${names}.`);
  }
  return { document, operation };
}

function describe(error: GraphQLError): string {
  const where = (error.locations ?? []).map((l) => `${l.line}:${l.column}`).join(', ');
  return `  ${where ? `${where}: ` : ''}${error.message}`;
}
