import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../schema/errors';
import { explainInvalidUscc } from '../city';

function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument } });
}

/** A unified social credit code argument, checked against GB 32100. */
export function usccArg(argument: string, value: string): string {
  const problem = explainInvalidUscc(value);
  if (problem === null) return value;
  throw badInput(
    argument,
    `${argument} must be a unified social credit code (GB 32100): ${problem}`,
  );
}

/** An optional district code argument, checked: six digits (GB/T 2260), e.g. 510107. */
export function districtCodeArg(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (/^\d{6}$/.test(value)) return value;
  throw badInput(
    'districtCode',
    `districtCode must be a six-digit administrative division code such as 510107; got '${value}'.`,
  );
}
