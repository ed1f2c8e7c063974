import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../schema/errors';

const ACCOUNT_NUMBER = /^SI\d{14}$/;

/** A social insurance account number argument, checked: 'SI' and 14 digits, e.g. SI51010000012345. */
export function accountNumberArg(value: string): string {
  if (ACCOUNT_NUMBER.test(value)) return value;
  throw new GraphQLError(
    "accountNumber must be 'SI' followed by 14 digits, e.g. SI51010000012345.",
    { extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'accountNumber' } },
  );
}
