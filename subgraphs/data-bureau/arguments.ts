import {
  badInput,
  identifierFormat,
  normalizeIdentifier,
  stripFormatCharacters,
  MAX_IDENTIFIER_INPUT,
} from '../kit';

/** A field coordinate as `Type.field`, e.g. Person.idNumber. */
export const COORDINATE = identifierFormat(
  /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/,
  'a field as Type.field, e.g. Person.name',
);

/**
 * An optional argument that must name one of `known` (a purpose code, a subgraph, a type),
 * exactly, once normalized. The value given is not repeated.
 */
export function knownNameArg(
  argument: string,
  value: unknown,
  what: string,
  known: Iterable<string>,
): string | null {
  if (value == null) return null;
  const names = [...known];
  const name =
    typeof value === 'string' && value.length <= MAX_IDENTIFIER_INPUT
      ? normalizeIdentifier(value)
      : null;
  if (name !== null && names.includes(name)) return name;
  throw badInput(argument, `${argument} must be ${what}, one of: ${names.join(', ')}.`);
}

/** A name as consumers carry them (a subgraph or role name): lowercase words joined by hyphens. */
export const CONSUMER_NAME = identifierFormat(
  /^[a-z][a-z0-9-]{0,62}$/,
  "a department's subgraph name such as civil-affairs",
);

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

/**
 * An optional free text: blank is absent; longer than `max` is refused. Format characters
 * (zero-width, bidi controls) are removed: stored text shows what it says.
 */
export function optionalText(
  argument: string,
  value: string | null | undefined,
  max: number,
): string | null {
  const text = stripFormatCharacters(value ?? '').trim();
  const length = [...text].length; // characters as PostgreSQL counts them, not UTF-16 units
  if (length > max) {
    throw badInput(argument, `${argument} has ${length} characters; the most is ${max}.`);
  }
  return text === '' ? null : text;
}
