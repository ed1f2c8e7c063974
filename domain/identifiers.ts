/**
 * Validators for the identifiers the city generates: GB 11643 resident ID numbers,
 * GB 32100 unified social credit codes (with the GB 11714 organisation code inside them)
 * and mobile numbers. `explainInvalid*` returns null for a valid value, else the reason.
 */

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK = '10X98765432';

/** GB 32100 characters in value order (0-30): no I, O, S, V or Z. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11643 check character for the first 17 digits of a resident ID number. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError(
      `Expected 17 digits to compute a resident ID check character, got '${first17}'.`,
    );
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * RESIDENT_ID_WEIGHTS[i]!;
  return RESIDENT_ID_CHECK[sum % 11]!;
}

/** Why `value` is not a valid GB 11643 resident ID number, or null when it is. */
export function explainInvalidResidentId(value: string): string | null {
  if (value.length !== 18) {
    return `A resident ID number has 18 characters; '${value}' has ${value.length}.`;
  }
  const badAt = value.slice(0, 17).search(/\D/);
  if (badAt >= 0) {
    return `Characters 1-17 of a resident ID number are digits; '${value}' has '${value[badAt]}' at position ${badAt + 1}.`;
  }
  const birth = value.slice(6, 14);
  if (!isCalendarDate(birth)) {
    return `Characters 7-14 of a resident ID number are the birth date YYYYMMDD; '${birth}' is not a date.`;
  }
  const expected = residentIdCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    return `The check character of '${value}' should be '${expected}', not '${value[17]}'.`;
  }
  return null;
}

/** True when `value` is a valid GB 11643 resident ID number (length, digits, birth date, check character). */
export function isValidResidentId(value: string): boolean {
  return explainInvalidResidentId(value) === null;
}

/** GB 32100 check character for the first 17 characters of a unified social credit code. */
export function usccCheckChar(first17: string): string {
  if (!/^[0-9A-HJ-NPQRTUW-Y]{17}$/.test(first17)) {
    throw new RangeError(`Expected 17 characters of the GB 32100 alphabet, got '${first17}'.`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Why `value` is not a valid GB 32100 unified social credit code, or null when it is. */
export function explainInvalidUscc(value: string): string | null {
  if (value.length !== 18) {
    return `A unified social credit code has 18 characters; '${value}' has ${value.length}.`;
  }
  for (let i = 0; i < 18; i++) {
    const char = value[i]!;
    if (USCC_ALPHABET.includes(char)) continue;
    const why = /[IOSVZ]/.test(char)
      ? 'GB 32100 leaves out the letters I, O, S, V and Z'
      : 'only digits and the capital letters other than I, O, S, V and Z are allowed';
    return `'${value}' has '${char}' at position ${i + 1}: ${why}.`;
  }
  if (!/^\d{6}$/.test(value.slice(2, 8))) {
    return `Characters 3-8 of a unified social credit code are a 6-digit division code; '${value}' has '${value.slice(2, 8)}'.`;
  }
  const expected = usccCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    return `The check character of '${value}' should be '${expected}', not '${value[17]}'.`;
  }
  return null;
}

/** True when `value` is a valid GB 32100 unified social credit code (length, alphabet, check character). */
export function isValidUscc(value: string): boolean {
  return explainInvalidUscc(value) === null;
}

/** GB 11714 check character for the 8-character body of an organisation code (digits and A-Z). */
export function organizationCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new RangeError(
      `Expected 8 digits or capital letters for an organisation code, got '${first8}'.`,
    );
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i]!, 36) * ORGANIZATION_CODE_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Why `value` is not a mainland mobile number (11 digits starting 13-19), or null when it is. */
export function explainInvalidMobile(value: string): string | null {
  if (!/^\d{11}$/.test(value)) return `A mobile number is 11 digits; '${value}' is not.`;
  if (!/^1[3-9]/.test(value))
    return `A mobile number starts with 13 to 19; '${value}' starts with ${value.slice(0, 2)}.`;
  return null;
}

/** True when `value` is an 11-digit mobile number starting 13-19. */
export function isValidMobile(value: string): boolean {
  return explainInvalidMobile(value) === null;
}

function isCalendarDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
