import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../schema/errors';
import { explainInvalidUscc, isValidResidentId } from '../city/identifiers';

/** A BAD_USER_INPUT error naming the argument. Messages never repeat a personal value. */
export function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument } });
}

/** An optional district code argument, checked: six digits (GB/T 2260), e.g. 510107. */
export function districtCodeArg(
  value: string | null | undefined,
  argument = 'districtCode',
): string | null {
  if (value == null || /^\d{6}$/.test(value)) return value ?? null;
  throw badInput(
    argument,
    `${argument} must be a six-digit administrative division code such as 510107; got '${value}'.`,
  );
}

/** A unified social credit code argument (GB 32100), of an enterprise or a government organ. */
export function usccArg(
  argument: string,
  value: string,
  of = 'a unified social credit code (GB 32100)',
): string {
  const problem = explainInvalidUscc(value);
  if (problem) throw badInput(argument, `${argument} must be ${of}: ${problem}`);
  return value;
}

/** An optional USCC argument. */
export function optionalUsccArg(
  argument: string,
  value: string | null | undefined,
  of?: string,
): string | null {
  return value == null ? null : usccArg(argument, value, of);
}

/**
 * A resident ID number argument (GB 11643). The value is personal: the message never repeats
 * it, not even in part.
 */
export function residentIdArg(argument: string, value: string): string {
  if (isValidResidentId(value)) return value;
  throw badInput(
    argument,
    `${argument} is not a valid resident ID number (GB 11643): it needs 18 characters, a real birth date in characters 7-14 and a correct check character.`,
  );
}
