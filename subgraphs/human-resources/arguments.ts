import { identifierArg, identifierFormat } from '../kit';

const ACCOUNT_NUMBER = identifierFormat(
  /^SI[0-9]{14}$/,
  "'SI' followed by 14 digits, e.g. SI51010000012345",
);

/** A social insurance account number argument, checked: 'SI' and 14 digits, e.g. SI51010000012345. */
export function accountNumberArg(value: unknown): string {
  return identifierArg('accountNumber', value, ACCOUNT_NUMBER);
}
