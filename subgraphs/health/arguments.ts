import { identifierArg, identifierFormat, optionalIdentifierArg } from '../kit';

const CERTIFICATE_NUMBER = identifierFormat(
  /^[A-Z][0-9]{12}$/,
  'a letter followed by twelve digits, e.g. Q510107000123',
);

const ISO_DATE = {
  what: "an ISO date 'YYYY-MM-DD', e.g. 2024-01-31",
  test: (value: string) => {
    const date = new Date(`${value}T00:00:00Z`);
    return (
      /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value) &&
      !Number.isNaN(date.getTime()) &&
      date.toISOString().startsWith(value)
    );
  },
};

/** A certificate number argument, checked: a letter and twelve digits, e.g. Q510107000123. */
export function certificateNumberArg(value: unknown): string {
  return identifierArg('certificateNumber', value, CERTIFICATE_NUMBER);
}

/** An optional ISO date argument ('YYYY-MM-DD'), checked to be a real calendar date. */
export function dateArg(argument: string, value: unknown): string | null {
  return optionalIdentifierArg(argument, value, ISO_DATE);
}
