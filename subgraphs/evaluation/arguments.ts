import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../schema/errors';
import { explainInvalidUscc } from '../city';

/** An optional department code argument, checked: a GB 32100 unified social credit code. */
export function departmentCodeArg(
  argument: string,
  value: string | null | undefined,
): string | null {
  if (value == null) return null;
  const problem = explainInvalidUscc(value);
  if (problem) {
    throw new GraphQLError(
      `${argument} must be a department's unified social credit code: ${problem}`,
      {
        extensions: { code: ErrorCode.BAD_USER_INPUT, argument },
      },
    );
  }
  return value;
}
