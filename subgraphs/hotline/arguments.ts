import { badInput, optionalUsccArg } from '../kit';

const APPEAL_NUMBER = /^12345-\d{8}-\d{6,}$/;

/** An appeal ticket number argument, checked: '12345-YYYYMMDD-NNNNNN'. */
export function appealNumberArg(value: string): string {
  if (APPEAL_NUMBER.test(value)) return value;
  throw badInput(
    'number',
    `number must be a 12345 ticket number '12345-YYYYMMDD-NNNNNN', e.g. 12345-20261103-000123; got '${value}'.`,
  );
}

export { districtCodeArg } from '../kit';

/** An optional department code argument: a government organ's unified social credit code. */
export const departmentCodeArg = (argument: string, value: string | null | undefined) =>
  optionalUsccArg(argument, value, "a department's unified social credit code");
