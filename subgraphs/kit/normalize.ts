/**
 * The one normalization every identifier and every checked free text goes through before it
 * is judged: Unicode format characters (category Cf: zero-width space, joiners, bidi
 * embeddings and overrides, the BOM, soft hyphen) are removed and the rest is NFKC-normalized,
 * so full-width digits and letters become ASCII and compatibility forms their plain letters.
 * Whitespace is kept: an identifier with a space in it is refused, not trimmed.
 */

/** Identifiers longer than this (in UTF-16 units) are refused before they are normalized. */
export const MAX_IDENTIFIER_INPUT = 256;

const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** `value` without format characters (category Cf); nothing else changes. */
export function stripFormatCharacters(value: string): string {
  return value.replace(FORMAT_CHARACTERS, '');
}

/**
 * `value` as it is judged: format characters removed, NFKC-normalized, format characters
 * removed again (NFKC may expose one). Letters keep their case: 'x' is not 'X'.
 */
export function normalizeIdentifier(value: string): string {
  return stripFormatCharacters(stripFormatCharacters(value).normalize('NFKC'));
}
