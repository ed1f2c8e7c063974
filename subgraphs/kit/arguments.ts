import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../contracts/errors';
import { isValidResidentId, isValidUscc } from '../../domain/identifiers';
import { MAX_IDENTIFIER_INPUT, normalizeIdentifier } from './normalize';

/** A BAD_USER_INPUT error naming the argument. Messages never repeat a personal value. */
export function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument } });
}

/** What an identifier argument must be once normalized: its documented ASCII alphabet. */
export interface IdentifierFormat {
  /** Says what is expected, with an example, e.g. "a person id such as PFB9YBZ34". */
  what: string;
  test(normalized: string): boolean;
}

/** An identifier format given by an anchored ASCII pattern. */
export function identifierFormat(pattern: RegExp, what: string): IdentifierFormat {
  if (pattern.flags.includes('g') || pattern.flags.includes('y')) {
    throw new Error(`Identifier pattern ${pattern} must be stateless (no g or y flag).`);
  }
  return { what, test: (value) => pattern.test(value) };
}

const CROCKFORD = '[0-9A-HJKMNP-TV-Z]';

/** Person.id: 'P' and eight Crockford base32 characters. */
export const PERSON_ID = identifierFormat(
  new RegExp(`^P${CROCKFORD}{8}$`),
  "a person id ('P' and eight characters of 0-9 and A-Z without I, L, O and U), e.g. P1234ABCD",
);
/** Household.id: 'H' and eight Crockford base32 characters. */
export const HOUSEHOLD_ID = identifierFormat(
  new RegExp(`^H${CROCKFORD}{8}$`),
  "a household id ('H' and eight characters of 0-9 and A-Z without I, L, O and U), e.g. H1234ABCD",
);
/** ServiceItem.code: division, department number, category and item number. */
export const SERVICE_ITEM_CODE = identifierFormat(
  /^[0-9]{6}-[0-9]{3}-[A-Z]{2}-[0-9]{4}$/,
  'a service item code such as 510100-007-XK-0001',
);
/** An administrative division code (GB/T 2260). */
export const DISTRICT_CODE = identifierFormat(
  /^[0-9]{6}$/,
  'a six-digit administrative division code such as 510107',
);
/** A unified social credit code (GB 32100), check character included. */
export const USCC = {
  what: 'a unified social credit code (GB 32100): 18 characters of 0-9 and the capital letters other than I, O, S, V and Z, with a correct check character',
  test: isValidUscc,
} satisfies IdentifierFormat;
/** A resident ID number (GB 11643): 17 digits, a real birth date, the check character 0-9 or 'X'. */
export const RESIDENT_ID = {
  what: "a valid resident ID number (GB 11643): it needs 18 characters, a real birth date in characters 7-14 and a correct check character (0-9 or a capital 'X')",
  test: isValidResidentId,
} satisfies IdentifierFormat;

/**
 * An identifier argument, judged after normalization (NFKC, format characters removed) against
 * its documented alphabet; returns the normalized value. Anything else is a BAD_USER_INPUT
 * naming the argument; the message never repeats the value, not even in part.
 */
export function identifierArg(argument: string, value: unknown, format: IdentifierFormat): string {
  const normalized = normalizedIdentifier(value, format);
  if (normalized !== null) return normalized;
  throw badInput(argument, `${argument} must be ${format.what}; the value given is not one.`);
}

/** An optional identifier argument: absent stays null, anything given is judged. */
export function optionalIdentifierArg(
  argument: string,
  value: unknown,
  format: IdentifierFormat,
): string | null {
  return value == null ? null : identifierArg(argument, value, format);
}

/**
 * An entity key from a representation (`_entities`, `__resolveReference`), judged as arguments
 * are; null when it is not one: no entity has such a key, and another department's odd value
 * must not fail the other entities of the same call.
 */
export function entityKeyOf(value: unknown, format: IdentifierFormat): string | null {
  return normalizedIdentifier(value, format);
}

function normalizedIdentifier(value: unknown, format: IdentifierFormat): string | null {
  if (typeof value !== 'string' || value.length > MAX_IDENTIFIER_INPUT) return null;
  const normalized = normalizeIdentifier(value);
  return format.test(normalized) ? normalized : null;
}

/** An optional district code argument, checked: six digits (GB/T 2260), e.g. 510107. */
export function districtCodeArg(value: unknown, argument = 'districtCode'): string | null {
  return optionalIdentifierArg(argument, value, DISTRICT_CODE);
}

/** A unified social credit code argument (GB 32100), of an enterprise or a government organ. */
export function usccArg(argument: string, value: unknown, format = USCC): string {
  return identifierArg(argument, value, format);
}

/** A department code: the unified social credit code of a government organ. */
export const DEPARTMENT_CODE = {
  ...USCC,
  what: "a department's unified social credit code (GB 32100), 18 characters of 0-9 and the capital letters other than I, O, S, V and Z with a correct check character",
} satisfies IdentifierFormat;

/** A department code argument, checked; null only when it is absent. */
export function departmentCodeArg(argument: string, value: string): string;
export function departmentCodeArg(argument: string, value: unknown): string | null;
export function departmentCodeArg(argument: string, value: unknown): string | null {
  return optionalIdentifierArg(argument, value, DEPARTMENT_CODE);
}

/**
 * A resident ID number argument (GB 11643). The value is personal: the message never repeats
 * it, not even in part.
 */
export function residentIdArg(argument: string, value: unknown): string {
  return identifierArg(argument, value, RESIDENT_ID);
}
