import { readSession, viewerOf } from '../../../console/session';

const jwt = (payload: unknown) =>
  `x.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

describe('the console session', () => {
  it('reads the viewer from a token’s claims', () => {
    expect(viewerOf(jwt({ sub: 'a', kind: 'official', dept: 'tax', role: 'auditor' }))).toEqual(
      expect.objectContaining({ id: 'a', department: 'tax', role: 'auditor' }),
    );
  });

  it.each([['garbage'], ['a.def.b'], ['a..b'], [jwt('not an object')], [jwt({ sub: 1 })]])(
    'gives no viewer, rather than throwing, for a pasted token that is not a JWT: %s',
    (token) => {
      expect(viewerOf(token)).toBeNull();
    },
  );

  it('gives no session for a cookie it did not write', () => {
    const req = (cookie: string) => ({ headers: { cookie } }) as never;
    expect(readSession(req('console_session=%%%'))).toBeNull();
    const wrong = Buffer.from(JSON.stringify({ token: 'a.def.b', purpose: 'audit' })).toString(
      'base64url',
    );
    expect(readSession(req(`console_session=${wrong}`))).toBeNull();
  });
});
