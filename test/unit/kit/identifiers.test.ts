import {
  DISTRICT_CODE,
  entityKeyOf,
  identifierArg,
  normalizeIdentifier,
  PERSON_ID,
  personalIdentifierIn,
  personReference,
  RESIDENT_ID,
  USCC,
  withoutPersonalIdentifiers,
} from '../../../subgraphs/kit';

const fullWidth = (text: string) =>
  text.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('normalizeIdentifier', () => {
  it.each([
    ['full-width digits and letters', fullWidth('PFB9YBZ34'), 'PFB9YBZ34'],
    ['zero-width space, joiner and non-joiner', 'P\u200bF\u200dB\u200c9YBZ34', 'PFB9YBZ34'],
    ['bidi embeddings, overrides and isolates', '\u202aP\u202eFB9\u2066YBZ34\u2069', 'PFB9YBZ34'],
    ['a byte order mark and a soft hyphen', '\ufeffPFB9\u00adYBZ34', 'PFB9YBZ34'],
    ['circled and superscript digits', '①²', '12'],
    ['an ideographic space, which becomes a space and stays', 'A\u3000B', 'A B'],
  ])('%s', (_what, value, normalized) => {
    expect(normalizeIdentifier(value)).toBe(normalized);
  });

  it('keeps case, homoglyphs and digits NFKC does not map', () => {
    expect(normalizeIdentifier('pfb9ybz34')).toBe('pfb9ybz34');
    expect(normalizeIdentifier('РFB9YBZ34')).toBe('РFB9YBZ34'); // Cyrillic Р
    expect(normalizeIdentifier('٥١٠١٠٧')).toBe('٥١٠١٠٧');
  });
});

describe('identifierArg', () => {
  it('returns the normalized value when it matches the alphabet', () => {
    expect(identifierArg('id', fullWidth('PFB9YBZ34'), PERSON_ID)).toBe('PFB9YBZ34');
    expect(identifierArg('uscc', fullWidth('91350100M000100Y43'), USCC)).toBe('91350100M000100Y43');
    expect(identifierArg('idNumber', '11010519491231\u200b002X', RESIDENT_ID)).toBe(
      '11010519491231002X',
    );
  });

  it.each([
    ['a trailing space', 'PFB9YBZ34 '],
    ['lowercase', 'pfb9ybz34'],
    ['a Cyrillic letter', 'РFB9YBZ34'],
    ['a letter Crockford leaves out', 'PFB9YBZ3I'],
    ['an over-long value', 'P'.repeat(10_000)],
    ['a number', 42],
    ['an object', { id: 'PFB9YBZ34' }],
  ])('refuses %s, naming the argument and not the value', (_what, value) => {
    let error: unknown;
    try {
      identifierArg('id', value, PERSON_ID);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'id' } });
    expect(JSON.stringify(error)).not.toContain('FB9YBZ3');
  });

  it("refuses a resident ID number whose check letter is a lowercase 'x'", () => {
    expect(() => identifierArg('idNumber', '11010519491231002x', RESIDENT_ID)).toThrow(
      /^idNumber must be a valid resident ID number/,
    );
  });

  it('judges district codes on ASCII digits only', () => {
    expect(identifierArg('d', fullWidth('510107'), DISTRICT_CODE)).toBe('510107');
    expect(() => identifierArg('d', '٥١٠١٠٧', DISTRICT_CODE)).toThrow(/six-digit/);
  });
});

describe('entity keys of representations', () => {
  it('normalizes a well-formed key and gives null for any other', () => {
    expect(personReference({ __typename: 'Person', id: fullWidth('PFB9YBZ34') })).toEqual({
      id: 'PFB9YBZ34',
    });
    expect(personReference({ __typename: 'Person', id: 'P-NOBODY' })).toBeNull();
    expect(personReference({ __typename: 'Person', id: ['PFB9YBZ34'] })).toBeNull();
    expect(personReference({ __typename: 'Person' })).toBeNull();
    expect(personReference(JSON.parse('{"__proto__": {"id": "PFB9YBZ34"}}'))).toBeNull();
    expect(entityKeyOf(undefined, PERSON_ID)).toBeNull();
  });
});

describe('personal identifiers inside free text', () => {
  it.each([
    ['an ID number', 'ID 11010519491231002X on file', 'a resident ID number'],
    ['a full-width ID number', `ID ${fullWidth('11010519491231002X')}`, 'a resident ID number'],
    ['a lowercase check letter', 'ID 11010519491231002x', 'a resident ID number'],
    [
      'an ID number in zero-width pieces',
      [...'360426199101010071'].join('\u200b'),
      'a resident ID number',
    ],
    ['an ID number in spaced groups', '360426 19910101 0071', 'a resident ID number'],
    ['an ID number inside a longer run of digits', '99360426199101010071', 'a resident ID number'],
    ['a mobile number', 'call 13812345678', 'a mobile number'],
    ['a spaced full-width mobile number', fullWidth('138 1234 5678'), 'a mobile number'],
    ['a mobile number with +86', '+86 138-1234-5678', 'a mobile number'],
    ['an account number', 'account ＳＩ51010000012345', 'a social insurance account number'],
  ])('finds %s', (_what, text, found) => {
    expect(personalIdentifierIn(text)).toBe(found);
  });

  it.each([
    ['a date and an amount', 'Paid 12,000 yuan on 2026-03-15; rating D since 2025.'],
    ['a person id', 'The person PFB9YBZ34 has another name on the licence.'],
    ['a USCC', 'Enterprise 91510107MA5B0A7H79 paid its arrears.'],
    ['an 18-digit number that is not an ID number', '123456789012345678'],
    ['a landline', '028-8765 4321'],
  ])('lets %s through', (_what, text) => {
    expect(personalIdentifierIn(text)).toBeNull();
  });

  it('refuses such a text naming the argument and what was found, never the number', () => {
    expect(() => withoutPersonalIdentifiers('input.reason', 'ID 11010519491231002X')).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('19491231'),
        extensions: { code: 'BAD_USER_INPUT', argument: 'input.reason' },
      }),
    );
  });
});
