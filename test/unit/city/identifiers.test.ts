import {
  explainInvalidMobile,
  explainInvalidResidentId,
  explainInvalidUscc,
  isValidMobile,
  isValidResidentId,
  isValidUscc,
  residentIdCheckChar,
  usccCheckChar,
} from '../../../domain/identifiers';
import { organizationCodeCheckChar } from '../../../domain/identifiers';

describe('GB 11643 resident ID numbers', () => {
  it.each(['11010519491231002X', '360426199101010071'])('accepts the standard vector %s', (id) => {
    expect(isValidResidentId(id)).toBe(true);
    expect(explainInvalidResidentId(id)).toBeNull();
    expect(residentIdCheckChar(id.slice(0, 17))).toBe(id[17]);
  });

  it.each([
    [
      'a changed digit',
      '11010519491231003X',
      "The check character of '11010519491231003X' should be '8', not 'X'.",
    ],
    [
      'a changed check character',
      '360426199101010072',
      "The check character of '360426199101010072' should be '1', not '2'.",
    ],
    [
      'a lowercase x',
      '11010519491231002x',
      "The check character of '11010519491231002x' should be 'X', not 'x'.",
    ],
    [
      '17 characters',
      '36042619910101007',
      "A resident ID number has 18 characters; '36042619910101007' has 17.",
    ],
    [
      '19 characters',
      '3604261991010100711',
      "A resident ID number has 18 characters; '3604261991010100711' has 19.",
    ],
    [
      'a letter in the body',
      '3604261991A1010071',
      "Characters 1-17 of a resident ID number are digits; '3604261991A1010071' has 'A' at position 11.",
    ],
    [
      '31 November',
      '360426199111310071',
      "Characters 7-14 of a resident ID number are the birth date YYYYMMDD; '19911131' is not a date.",
    ],
    [
      '29 February of a common year',
      '360426199102290071',
      "Characters 7-14 of a resident ID number are the birth date YYYYMMDD; '19910229' is not a date.",
    ],
    [
      'month 13',
      '360426199113010071',
      "Characters 7-14 of a resident ID number are the birth date YYYYMMDD; '19911301' is not a date.",
    ],
  ])('rejects %s', (_case, id, reason) => {
    expect(isValidResidentId(id)).toBe(false);
    expect(explainInvalidResidentId(id)).toBe(reason);
  });

  it('accepts 29 February of a leap year once the check character fits', () => {
    const first17 = '51010720000229001';
    expect(isValidResidentId(first17 + residentIdCheckChar(first17))).toBe(true);
  });

  it('refuses to compute a check character for anything but 17 digits', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError);
  });
});

describe('GB 32100 unified social credit codes', () => {
  it.each(['91350100M000100Y43', '91110000600037341L'])(
    'accepts the standard vector %s',
    (code) => {
      expect(isValidUscc(code)).toBe(true);
      expect(explainInvalidUscc(code)).toBeNull();
      expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
    },
  );

  it.each([
    [
      'a changed character',
      '91350100M000100Y44',
      "The check character of '91350100M000100Y44' should be '3', not '4'.",
    ],
    [
      'a changed body character',
      '91110000600037342L',
      "The check character of '91110000600037342L' should be 'P', not 'L'.",
    ],
    [
      '17 characters',
      '91350100M000100Y4',
      "A unified social credit code has 18 characters; '91350100M000100Y4' has 17.",
    ],
    ['an empty string', '', "A unified social credit code has 18 characters; '' has 0."],
    [
      'a lowercase letter',
      '91350100m000100Y43',
      "'91350100m000100Y43' has 'm' at position 9: only digits and the capital letters other than I, O, S, V and Z are allowed.",
    ],
    [
      'a letter in the division code',
      '9135A100M000100Y43',
      "Characters 3-8 of a unified social credit code are a 6-digit division code; '9135A100M000100Y43' has '35A100'.",
    ],
  ])('rejects %s', (_case, code, reason) => {
    expect(isValidUscc(code)).toBe(false);
    expect(explainInvalidUscc(code)).toBe(reason);
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the forbidden letter %s', (letter) => {
    const code = `91350100${letter}000100Y43`;
    expect(isValidUscc(code)).toBe(false);
    expect(explainInvalidUscc(code)).toBe(
      `'${code}' has '${letter}' at position 9: GB 32100 leaves out the letters I, O, S, V and Z.`,
    );
  });

  it('refuses to compute a check character outside the alphabet', () => {
    expect(() => usccCheckChar('91350100O000100Y4')).toThrow(RangeError);
  });
});

describe('GB 11714 organisation codes', () => {
  it('computes the check character of known codes (D2143569-X, 60003734-1)', () => {
    expect(organizationCodeCheckChar('D2143569')).toBe('X');
    expect(organizationCodeCheckChar('60003734')).toBe('1');
  });
});

describe('mobile numbers', () => {
  it.each(['13800138000', '19912345678', '16612345678'])('accepts %s', (mobile) => {
    expect(isValidMobile(mobile)).toBe(true);
  });

  it.each([
    ['10 digits', '1380013800', "A mobile number is 11 digits; '1380013800' is not."],
    ['a letter', '1380013800A', "A mobile number is 11 digits; '1380013800A' is not."],
    [
      'prefix 12',
      '12800138000',
      "A mobile number starts with 13 to 19; '12800138000' starts with 12.",
    ],
    [
      'prefix 23',
      '23800138000',
      "A mobile number starts with 13 to 19; '23800138000' starts with 23.",
    ],
  ])('rejects %s', (_case, mobile, reason) => {
    expect(isValidMobile(mobile)).toBe(false);
    expect(explainInvalidMobile(mobile)).toBe(reason);
  });
});
