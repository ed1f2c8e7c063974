import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../schema/errors';

const DISTRICT_CODE = /^\d{6}$/;
const CERTIFICATE_NUMBER = /^[A-Z]\d{12}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

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

/** A certificate number argument, checked: a letter and twelve digits, e.g. Q510107000123. */
export function certificateNumberArg(value: string): string {
  if (CERTIFICATE_NUMBER.test(value)) return value;
  throw badInput(
    'certificateNumber',
    `certificateNumber must be a letter followed by twelve digits, e.g. Q510107000123; got '${value}'.`,
  );
}

/** An optional ISO date argument ('YYYY-MM-DD'), checked to be a real calendar date. */
export function dateArg(argument: string, value: string | null | undefined): string | null {
  if (value == null) return null;
  const date = new Date(`${value}T00:00:00Z`);
  if (
    ISO_DATE.test(value) &&
    !Number.isNaN(date.getTime()) &&
    date.toISOString().startsWith(value)
  ) {
    return value;
  }
  throw badInput(
    argument,
    `${argument} must be an ISO date 'YYYY-MM-DD', e.g. 2024-01-31; got '${value}'.`,
  );
}
