import { IdentityError, readPurpose, type RequestHeaders } from '../../../gateway/identity';

const catalogue = new Set(['social-assistance-eligibility', 'market-supervision', 'audit']);
const CODES = 'audit, market-supervision, social-assistance-eligibility';

/** readPurpose as a promise, so that refusals read as `await expect(...).rejects`. */
const read = async (headers: RequestHeaders) => readPurpose(headers, catalogue);

const refusal = (code: 'BAD_USER_INPUT' | 'FORBIDDEN', status: number, message: string) => ({
  code,
  status,
  message,
  extensions: { code, http: { status } },
});

describe('readPurpose', () => {
  it('reads a catalogue purpose and its case number', async () => {
    await expect(
      read({ 'x-purpose': 'social-assistance-eligibility', 'x-case-number': 'MZ-2026/0142_a' }),
    ).resolves.toEqual({ purpose: 'social-assistance-eligibility', caseNumber: 'MZ-2026/0142_a' });
  });

  it('reads a purpose without a case number', async () => {
    await expect(read({ 'x-purpose': ' audit ' })).resolves.toEqual({
      purpose: 'audit',
      caseNumber: null,
    });
    await expect(read({ 'x-purpose': 'audit', 'x-case-number': '' })).resolves.toEqual({
      purpose: 'audit',
      caseNumber: null,
    });
  });

  it.each([{}, { 'x-purpose': '' }, { 'x-purpose': '   ' }])(
    'asks for a purpose when none is stated (%j)',
    async (headers) => {
      await expect(read(headers)).rejects.toMatchObject(
        refusal(
          'BAD_USER_INPUT',
          400,
          `This request states no purpose; send the header 'x-purpose: <code>' with one of: ${CODES}.`,
        ),
      );
    },
  );

  it('refuses a purpose outside the catalogue, naming it and the catalogue', async () => {
    await expect(read({ 'x-purpose': 'tax-audit' })).rejects.toMatchObject(
      refusal(
        'FORBIDDEN',
        403,
        `Purpose 'tax-audit' is not in the purpose catalogue; state one of: ${CODES}.`,
      ),
    );
  });

  it.each(['Audit', 'audit, market-supervision', '<script>'])(
    'refuses %j, which is not a purpose code',
    async (purpose) => {
      await expect(read({ 'x-purpose': purpose })).rejects.toMatchObject(
        refusal(
          'BAD_USER_INPUT',
          400,
          `The x-purpose header is not a purpose code (lowercase letters, digits and hyphens); send one of: ${CODES}.`,
        ),
      );
    },
  );

  it('treats a purpose sent twice as malformed', async () => {
    await expect(read({ 'x-purpose': ['audit', 'audit'] })).rejects.toBeInstanceOf(IdentityError);
  });

  it.each(['MZ 2026', 'x'.repeat(65), 'case#1', '案件-1'])(
    'refuses the case number %j without echoing it',
    async (caseNumber) => {
      const rejects = () =>
        expect(read({ 'x-purpose': 'audit', 'x-case-number': caseNumber })).rejects;
      await rejects().toMatchObject(
        refusal(
          'BAD_USER_INPUT',
          400,
          "The x-case-number header must be 1 to 64 letters, digits, '-', '_' or '/'; send the case number as the case file writes it, or leave the header out.",
        ),
      );
    },
  );

  it('accepts a 64-character case number', async () => {
    await expect(
      read({ 'x-purpose': 'audit', 'x-case-number': 'A'.repeat(64) }),
    ).resolves.toMatchObject({
      caseNumber: 'A'.repeat(64),
    });
  });
});
