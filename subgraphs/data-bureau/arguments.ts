import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../schema/errors';
import { explainInvalidUscc } from '../city';
import { badInput } from '../kit';

/** A field coordinate as `Type.field`, e.g. Person.idNumber. */
export const COORDINATE = /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/;

/** A department code argument, checked: a GB 32100 unified social credit code. */
export function departmentCodeArg(argument: string, value: string): string;
export function departmentCodeArg(
  argument: string,
  value: string | null | undefined,
): string | null;
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

/** An optional district code argument, checked: six digits (GB/T 2260), e.g. 510107. */
export function districtCodeArg(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (!/^\d{6}$/.test(value)) {
    throw new GraphQLError(
      `districtCode must be a six-digit administrative division code such as 510107; got '${value}'.`,
      { extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'districtCode' } },
    );
  }
  return value;
}

/** An optional argument that must name one of `known` (a purpose code, a subgraph, a type). */
export function knownNameArg(
  argument: string,
  value: string | null | undefined,
  what: string,
  known: Iterable<string>,
): string | null {
  if (value == null) return null;
  const names = [...known];
  if (!names.includes(value)) {
    throw new GraphQLError(
      `${argument} must be ${what}, one of: ${names.join(', ')}; got '${value}'.`,
      { extensions: { code: ErrorCode.BAD_USER_INPUT, argument } },
    );
  }
  return value;
}

/**
 * A required free text, trimmed and bounded. Free texts may hold personal data: messages give
 * their length, never their content.
 */
export function requiredText(
  argument: string,
  value: string | null | undefined,
  max: number,
  what: string,
): string {
  const text = optionalText(argument, value, max);
  if (text === null)
    throw badInput(argument, `${argument} is missing: ${what} (up to ${max} characters).`);
  return text;
}

/** An optional free text: blank is absent; longer than `max` is refused. */
export function optionalText(
  argument: string,
  value: string | null | undefined,
  max: number,
): string | null {
  const text = value?.trim() ?? '';
  const length = [...text].length; // characters as PostgreSQL counts them, not UTF-16 units
  if (length > max) {
    throw badInput(argument, `${argument} has ${length} characters; the most is ${max}.`);
  }
  return text === '' ? null : text;
}
