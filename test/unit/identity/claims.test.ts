import type { TokenClaims } from '../../../gateway/identity';
import {
  bearer,
  caseworkerInWuhou,
  CITIZEN_SUB,
  citizenWithPerson,
  OFFICIAL_SUB,
  PERSON_ID,
  refusal,
  setup,
} from './fixtures';

const MALFORMED = "The bearer token's claims are malformed";

describe('createTokenVerifier: claims', () => {
  it('reads a citizen token into a citizen consumer', async () => {
    const { verify, mint } = await setup();
    await expect(verify(bearer(await mint(citizenWithPerson)))).resolves.toEqual({
      kind: 'citizen',
      id: CITIZEN_SUB,
      department: null,
      role: null,
      jurisdiction: null,
      application: null,
      personId: PERSON_ID,
    });
  });

  it.each<[string, TokenClaims, string]>([
    [
      'a citizen token without person',
      { sub: CITIZEN_SUB, kind: 'citizen' },
      "'person' is required in a citizen token",
    ],
    [
      'an official token without dept',
      { ...caseworkerInWuhou, dept: undefined },
      "'dept' is required in an official token",
    ],
    [
      'an official token without role',
      { ...caseworkerInWuhou, role: undefined },
      "'role' is required in an official token",
    ],
    [
      'a malformed jurisdiction',
      { ...caseworkerInWuhou, jurisdiction: '5101' },
      "'jurisdiction' must be a 6-digit district code (e.g. 510107)",
    ],
    [
      'a malformed department',
      { ...caseworkerInWuhou, dept: 'Civil Affairs' },
      "'dept' must be a department's subgraph name (e.g. 'civil-affairs')",
    ],
    [
      'a citizen token carrying a department',
      { ...citizenWithPerson, dept: 'civil-affairs' },
      "'dept' must not appear in a citizen token",
    ],
    [
      'an official token carrying a person',
      { ...caseworkerInWuhou, person: PERSON_ID },
      "'person' must not appear in an official token",
    ],
    [
      'an unknown kind',
      { ...caseworkerInWuhou, kind: 'robot' as 'official' },
      "'kind' must be 'official' or 'citizen'",
    ],
    ['an empty sub', { ...caseworkerInWuhou, sub: '' }, "'sub' must not be empty"],
  ])('refuses %s', async (_, claims, problem) => {
    const { verify, mint } = await setup();
    await expect(verify(bearer(await mint(claims)))).rejects.toMatchObject(
      refusal(`${MALFORMED}: ${problem}.`),
    );
  });

  it('names every malformed claim at once', async () => {
    const { verify, mint } = await setup();
    const claims = { sub: CITIZEN_SUB, kind: 'citizen', jurisdiction: 'wuhou' } as const;
    await expect(verify(bearer(await mint(claims)))).rejects.toMatchObject(
      refusal(
        `${MALFORMED}: 'jurisdiction' must be a 6-digit district code (e.g. 510107); 'person' is required in a citizen token.`,
      ),
    );
  });
});

describe('createTokenVerifier: messages reveal no token and no personal claim', () => {
  const wrongIssuer = { issuer: 'other-idp' };
  const expired = { expiresAt: new Date(Date.now() - 3_600_000) };

  it.each<[string, TokenClaims, object]>([
    ['an expired citizen token', citizenWithPerson, expired],
    ['a citizen token from another issuer', citizenWithPerson, wrongIssuer],
    ['an official token from another issuer', caseworkerInWuhou, wrongIssuer],
    [
      'a jurisdiction claim holding a personal value',
      { ...citizenWithPerson, jurisdiction: PERSON_ID },
      {},
    ],
    ['an official token carrying a person', { ...caseworkerInWuhou, person: PERSON_ID }, {}],
    ['a sub too long', { ...caseworkerInWuhou, sub: OFFICIAL_SUB.repeat(20) }, {}],
  ])('%s', async (_, claims, options) => {
    const { verify, mint } = await setup();
    const token = await mint(claims, options);
    const rejects = () => expect(verify(bearer(token))).rejects;
    await rejects().toMatchObject({ code: 'UNAUTHENTICATED' });
    for (const secret of [OFFICIAL_SUB, CITIZEN_SUB, PERSON_ID, ...token.split('.')]) {
      await rejects().toHaveProperty('message', expect.not.stringContaining(secret));
    }
  });
});
