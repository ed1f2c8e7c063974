import { isValidResidentId, isValidMobile } from '../../domain/identifiers';
import { badInput } from './arguments';
import { normalizeIdentifier } from './normalize';

/** What a free text must not carry, found in its normalized form. */
type Found = 'a resident ID number' | 'a mobile number' | 'a social insurance account number';

// Spaces, dots, hyphens, slashes and middle dots between digits are read through:
// "138 1234 5678" is a mobile number.
const SEPARATORS_BETWEEN_DIGITS = /(?<=[0-9])[\s.\-/·_]+(?=[0-9Xx])/g;
const DIGIT_RUN = /[0-9]+[Xx]?/g;
const MOBILE = /(?<![0-9])(?:86)?(1[3-9][0-9]{9})(?![0-9])/g;
const ACCOUNT = /SI[0-9]{14}/i;

/**
 * What personal identifier `text` carries once normalized (NFKC, format characters removed,
 * separators between digits read through), or null. Full-width digits, zero-width characters
 * and spaced-out digits do not hide an ID number, a mobile number or an account number.
 */
export function personalIdentifierIn(text: string): Found | null {
  const compact = asciiDigits(normalizeIdentifier(text)).replace(SEPARATORS_BETWEEN_DIGITS, '');
  for (const [run] of compact.matchAll(DIGIT_RUN)) {
    for (let i = 0; i + 18 <= run.length; i++) {
      if (isValidResidentId(run.slice(i, i + 18).toUpperCase())) return 'a resident ID number';
    }
  }
  for (const [, mobile] of compact.matchAll(MOBILE)) {
    if (isValidMobile(mobile!)) return 'a mobile number';
  }
  return ACCOUNT.test(compact) ? 'a social insurance account number' : null;
}

/**
 * Every decimal digit as its ASCII digit: NFKC leaves Arabic-Indic, Devanagari and the other
 * scripts' digits alone, and they read as a number all the same.
 */
function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => {
    // Unicode keeps each script's digits 0-9 in runs of ten, run after run: the value is
    // the distance from the start of the digits' block, modulo ten.
    const code = digit.codePointAt(0)!;
    let start = code;
    while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
    return String((code - start) % 10);
  });
}

const DIGIT = /^\p{Nd}$/u;

/**
 * Refuses a free text (a reason, a note) that carries a person's identifier: such texts are
 * shown to other departments and auditors, who name persons by their person id. The message
 * says what was found, never where or what it is.
 */
export function withoutPersonalIdentifiers(argument: string, text: string): string {
  const found = personalIdentifierIn(text);
  if (found === null) return text;
  throw badInput(
    argument,
    `${argument} contains what reads as ${found} (full-width digits, spaces and invisible characters included); ` +
      'name a person by their person id (e.g. P1234ABCD) and leave their ID number, mobile and account numbers out.',
  );
}
