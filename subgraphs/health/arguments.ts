import { badInput } from '../kit';

const CERTIFICATE_NUMBER = /^[A-Z]\d{12}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A certificate number argument, checked: a letter and twelve digits, e.g. Q510107000123. */
export function certificateNumberArg(value: string): string {
  if (CERTIFICATE_NUMBER.test(value)) return value;
  throw badInput(
    'certificateNumber',
    'certificateNumber must be a letter followed by twelve digits, e.g. Q510107000123.',
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

export { districtCodeArg } from '../kit';
