import { identifierArg, identifierFormat } from '../kit';

const APPEAL_NUMBER = identifierFormat(
  /^12345-[0-9]{8}-[0-9]{6,10}$/,
  "a 12345 ticket number '12345-YYYYMMDD-NNNNNN', e.g. 12345-20261103-000123",
);

/** An appeal ticket number argument, checked: '12345-YYYYMMDD-NNNNNN'. */
export function appealNumberArg(value: unknown): string {
  return identifierArg('number', value, APPEAL_NUMBER);
}
