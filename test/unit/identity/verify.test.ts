import { HeaderMap } from '@apollo/server';
import { SignJWT, UnsecuredJWT } from 'jose';
import {
  ANONYMOUS_CONSUMER,
  DEV_AUDIENCE,
  DEV_ISSUER,
  DEVELOPMENT_TOKEN_SOURCE,
} from '../../../gateway/identity';
import {
  bearer,
  caseworkerInWuhou,
  citizenWithPerson,
  createKey,
  OFFICIAL_SUB,
  refusal,
  setup,
} from './fixtures';

const ACCEPTED = 'accepted algorithms: RS256, ES256, EdDSA';

describe('createTokenVerifier: signatures', () => {
  it.each(['EdDSA', 'ES256', 'RS256'] as const)(
    'accepts a %s token signed by a key of the JWKS',
    async (alg) => {
      const idpKey = await createKey(alg, `idp-${alg}`);
      const { verify, mint } = await setup({
        source: () => ({ kind: 'jwks', jwks: { keys: [idpKey.jwk] } }),
      });
      const token = await mint(caseworkerInWuhou, { signingKey: idpKey.signingKey });
      await expect(verify(bearer(token))).resolves.toEqual({
        kind: 'official',
        id: OFFICIAL_SUB,
        department: 'civil-affairs',
        role: 'caseworker',
        jurisdiction: '510107',
        application: 'assistance-review',
        personId: null,
      });
    },
  );

  it.each(['EdDSA', 'ES256', 'RS256'] as const)(
    'accepts a %s token verified by a single PEM key',
    async (alg) => {
      const idpKey = await createKey(alg);
      const { verify, mint } = await setup({
        source: () => ({ kind: 'public-key', pem: idpKey.pem, alg }),
      });
      const token = await mint(citizenWithPerson, { signingKey: idpKey.signingKey });
      await expect(verify(bearer(token))).resolves.toMatchObject({ kind: 'citizen' });
    },
  );

  it('refuses a token whose algorithm is not the single PEM key’s', async () => {
    const rsa = await createKey('RS256');
    const ec = await createKey('ES256');
    const { verify, mint } = await setup({
      source: () => ({ kind: 'public-key', pem: rsa.pem, alg: 'RS256' }),
    });
    const token = await mint(caseworkerInWuhou, { signingKey: ec.signingKey });
    await expect(verify(bearer(token))).rejects.toMatchObject(
      refusal("The bearer token is signed with ES256, but the gateway's key verifies RS256 only."),
    );
  });

  it('refuses a token forged with another key under the same key id', async () => {
    const { verify, mint } = await setup();
    const forger = await createKey('EdDSA', 'idp-2026');
    const token = await mint(caseworkerInWuhou, { signingKey: forger.signingKey });
    await expect(verify(bearer(token))).rejects.toMatchObject(
      refusal(
        "The bearer token's signature does not verify with the identity provider's keys: it was signed with another key or altered.",
      ),
    );
  });

  it('refuses a token naming a key id the identity provider does not have', async () => {
    const { verify, mint } = await setup();
    const forger = await createKey('EdDSA', 'forger-1');
    const token = await mint(caseworkerInWuhou, { signingKey: forger.signingKey });
    await expect(verify(bearer(token))).rejects.toMatchObject(
      refusal(
        "The bearer token (EdDSA, key id 'forger-1') names no key of the identity provider; it was signed by another issuer or with a retired key.",
      ),
    );
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const { verify, mint } = await setup();
    const [header, , signature] = (await mint()).split('.');
    const payload = Buffer.from(JSON.stringify({ ...caseworkerInWuhou, role: 'auditor' })).toString(
      'base64url',
    );
    await expect(verify(bearer(`${header}.${payload}.${signature}`))).rejects.toMatchObject(
      refusal(/^The bearer token's signature does not verify/),
    );
  });

  it('tries every key of the type when a token has no key id (rotation)', async () => {
    const [retiring, current] = [await createKey('EdDSA'), await createKey('EdDSA')];
    const { verify, mint } = await setup({
      source: () => ({ kind: 'jwks', jwks: { keys: [retiring.jwk, current.jwk] } }),
    });
    const token = await mint(caseworkerInWuhou, { signingKey: current.signingKey });
    await expect(verify(bearer(token))).resolves.toMatchObject({ id: OFFICIAL_SUB });
    const forged = await mint(caseworkerInWuhou, {
      signingKey: (await createKey('EdDSA')).signingKey,
    });
    await expect(verify(bearer(forged))).rejects.toMatchObject(
      refusal(/^The bearer token's signature does not verify/),
    );
  });

  it('refuses HS256 signed with the public key as the secret (algorithm confusion)', async () => {
    const rsa = await createKey('RS256');
    const { verify, mint } = await setup({
      source: () => ({ kind: 'public-key', pem: rsa.pem, alg: 'RS256' }),
    });
    const token = await mint(caseworkerInWuhou, {
      signingKey: { key: new TextEncoder().encode(rsa.pem), alg: 'HS256' },
    });
    await expect(verify(bearer(token))).rejects.toMatchObject(
      refusal(`The bearer token is signed with HS256; ${ACCEPTED}.`),
    );
  });

  it('refuses an unsigned token (alg none)', async () => {
    const { verify } = await setup();
    const token = new UnsecuredJWT({ ...caseworkerInWuhou })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('1h')
      .encode();
    await expect(verify(bearer(token))).rejects.toMatchObject(
      refusal(`The bearer token is unsigned (alg none); ${ACCEPTED}.`),
    );
  });

  it('does not echo an algorithm name that could carry anything', async () => {
    const { verify } = await setup();
    const header = Buffer.from(JSON.stringify({ alg: 'HS256 <script>' })).toString('base64url');
    await expect(verify(bearer(`${header}.e30.c2ln`))).rejects.toMatchObject(
      refusal(`The bearer token is signed with an unknown algorithm; ${ACCEPTED}.`),
    );
  });
});

describe('createTokenVerifier: time, issuer and audience', () => {
  it('refuses an expired token, naming when it expired', async () => {
    const { verify, mint } = await setup();
    const token = await mint(caseworkerInWuhou, {
      issuedAt: new Date('2026-11-24T02:00:00Z'),
      expiresAt: new Date('2026-11-24T10:00:00Z'),
    });
    await expect(verify(bearer(token))).rejects.toMatchObject(
      refusal(
        'The bearer token expired at 2026-11-24T10:00:00Z. Obtain a new one from the identity provider.',
      ),
    );
  });

  it('accepts a token expired within the clock tolerance', async () => {
    const { verify, mint } = await setup();
    const token = await mint(caseworkerInWuhou, { expiresAt: new Date(Date.now() - 5_000) });
    await expect(verify(bearer(token))).resolves.toMatchObject({ id: OFFICIAL_SUB });
  });

  it('refuses a token not yet valid, naming from when', async () => {
    const { verify, mint } = await setup();
    const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000);
    const token = await mint(caseworkerInWuhou, { notBefore });
    const from = notBefore.toISOString().replace('.000Z', 'Z');
    await expect(verify(bearer(token))).rejects.toMatchObject(
      refusal(
        `The bearer token is not valid before ${from}; check the clocks of the identity provider and the gateway.`,
      ),
    );
  });

  it('refuses a token from another issuer', async () => {
    const { verify, mint } = await setup();
    const token = await mint(caseworkerInWuhou, { issuer: 'some-other-idp' });
    await expect(verify(bearer(token))).rejects.toMatchObject(
      refusal(
        "The bearer token was issued by another issuer; the gateway accepts tokens issued by 'gov-data-graph-dev'.",
      ),
    );
  });

  it('refuses a token meant for another audience', async () => {
    const { verify, mint } = await setup();
    const token = await mint(caseworkerInWuhou, { audience: 'tax-portal' });
    await expect(verify(bearer(token))).rejects.toMatchObject(
      refusal(
        "The bearer token is meant for another audience; the gateway accepts tokens for 'gov-data-graph'.",
      ),
    );
  });

  it('refuses a token that never expires', async () => {
    const { key, verify } = await setup();
    const token = await new SignJWT({ ...caseworkerInWuhou })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'idp-2026' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .sign(key.signingKey.key);
    await expect(verify(bearer(token))).rejects.toMatchObject(
      refusal("The bearer token has no 'exp' claim; the gateway accepts only tokens that expire."),
    );
  });
});

describe('createTokenVerifier: the Authorization header', () => {
  const HOW = "send 'Authorization: Bearer <token>' with a token from the identity provider";

  it.each([
    ['Bearer', `The Authorization header names the Bearer scheme but carries no token; ${HOW}.`],
    ['Basic x', `The Authorization header uses the Basic scheme; ${HOW}.`],
    ['', `The Authorization header is empty; ${HOW}.`],
    [
      'Bearer a.b',
      'The bearer token is not a JWT: expected three base64url parts separated by dots.',
    ],
    [
      'Bearer a.b.c d',
      'The bearer token is not a JWT: expected three base64url parts separated by dots.',
    ],
    [
      'Bearer !!.??.**',
      'The bearer token is not a JWT: expected three base64url parts separated by dots.',
    ],
    [
      'Bearer e30K.e30.c2ln',
      "The bearer token's header names no algorithm; accepted algorithms: RS256, ES256, EdDSA.",
    ],
    ['Bearer bm9wZQ.e30.c2ln', "The bearer token's header is not base64url-encoded JSON."],
  ])('refuses %j', async (header, message) => {
    const { verify } = await setup();
    await expect(verify(header)).rejects.toMatchObject(refusal(message));
  });

  it('accepts the scheme in any case', async () => {
    const { verify, mint } = await setup();
    await expect(verify(`bearer ${await mint()}`)).resolves.toMatchObject({ id: OFFICIAL_SUB });
  });

  it('does not echo a credential sent without a scheme', async () => {
    const { verify, mint } = await setup();
    const token = await mint();
    await expect(verify(token)).rejects.toMatchObject(
      refusal(`The Authorization header uses a scheme other than Bearer; ${HOW}.`),
    );
  });

  it('answers 401 with a WWW-Authenticate challenge', async () => {
    const { verify } = await setup();
    await expect(verify(undefined)).rejects.toHaveProperty(
      'extensions.http.headers',
      new HeaderMap([['www-authenticate', 'Bearer']]),
    );
  });
});

describe('createTokenVerifier: anonymous mode', () => {
  it('refuses a request without an Authorization header by default', async () => {
    const { verify } = await setup();
    await expect(verify(undefined)).rejects.toMatchObject(
      refusal(
        "This request has no Authorization header and the gateway does not serve anonymous requests; send 'Authorization: Bearer <token>' with a token from the identity provider.",
      ),
    );
  });

  it('tells a developer where a development token comes from', async () => {
    const { verify } = await setup({ tokenSource: DEVELOPMENT_TOKEN_SOURCE });
    await expect(verify(undefined)).rejects.toMatchObject(
      refusal(
        "This request has no Authorization header and the gateway does not serve anonymous requests; send 'Authorization: Bearer <token>' with a development token: sign in on the gateway's landing page (/) or run 'npm run -s token -- caseworker' (any example consumer; the purpose to state is printed with it).",
      ),
    );
  });

  it('serves a request without an Authorization header as the anonymous consumer when allowed', async () => {
    const { verify } = await setup({ allowAnonymous: true });
    await expect(verify(undefined)).resolves.toEqual({
      kind: 'anonymous',
      id: 'anonymous',
      department: null,
      role: null,
      jurisdiction: null,
      application: null,
      personId: null,
    });
    await expect(verify(undefined)).resolves.toBe(ANONYMOUS_CONSUMER);
  });

  it('never downgrades a bad token to anonymous', async () => {
    const { verify, mint } = await setup({ allowAnonymous: true });
    const expired = await mint(caseworkerInWuhou, { expiresAt: new Date(Date.now() - 3_600_000) });
    await expect(verify(bearer(expired))).rejects.toMatchObject(
      refusal(/^The bearer token expired at/),
    );
    await expect(verify('')).rejects.toMatchObject(refusal(/^The Authorization header is empty/));
    await expect(verify('Basic x')).rejects.toMatchObject(
      refusal(/^The Authorization header uses the Basic scheme/),
    );
  });
});
