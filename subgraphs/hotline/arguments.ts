import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../schema/errors';
import { explainInvalidUscc } from '../city';

const DISTRICT_CODE = /^\d{6}$/;
const APPEAL_NUMBER = /^12345-\d{8}-\d{6,}$/;

function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument } });
}

/** An optional district code argument, checked: six digits (GB/T 2260), e.g. 510107. */
export function districtCodeArg(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (DISTRICT_CODE.test(value)) return value;
  throw badInput(
    'districtCode',
    `districtCode must be a six-digit administrative division code such as 510107; got '${value}'.`,
  );
}

/** An optional department code argument, checked as a GB 32100 unified social credit code. */
export function departmentCodeArg(
  argument: string,
  value: string | null | undefined,
): string | null {
  if (value == null) return null;
  const problem = explainInvalidUscc(value);
  if (problem === null) return value;
  throw badInput(
    argument,
    `${argument} must be a department's unified social credit code: ${problem}`,
  );
}

/** An appeal ticket number argument, checked: '12345-YYYYMMDD-NNNNNN'. */
export function appealNumberArg(value: string): string {
  if (APPEAL_NUMBER.test(value)) return value;
  throw badInput(
    'number',
    `number must be a 12345 ticket number '12345-YYYYMMDD-NNNNNN', e.g. 12345-20261103-000123; got '${value}'.`,
  );
}
