import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import {
  createTokenVerifier,
  DEMO_CONSUMERS,
  demoClaims,
  DEV_AUDIENCE,
  DEV_ISSUER,
  ensureDevKeys,
  loadVerificationKeys,
  mintToken,
  type DemoConsumerName,
} from '../../../gateway/identity';
import { scratchDir } from '../../support/scratch';
import { bearer } from './fixtures';

const scratch = scratchDir('identity-dev-');
let setups = 0;

function setup() {
  const dir = join(scratch, String((setups += 1)));
  mkdirSync(dir);
  return { dir: join(dir, 'keys') };
}

describe('ensureDevKeys', () => {
  it('generates an Ed25519 key pair on first use: a private PEM readable by its owner only, and jwks.json', async () => {
    const { dir } = setup();
    const keys = await ensureDevKeys(dir);
    expect(statSync(keys.privateKeyPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(keys.privateKeyPath, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(JSON.parse(readFileSync(keys.jwksPath, 'utf8'))).toEqual({
      keys: [
        {
          kty: 'OKP',
          crv: 'Ed25519',
          x: expect.any(String),
          kid: keys.signingKey.kid,
          alg: 'EdDSA',
          use: 'sig',
        },
      ],
    });
  });

  it('reuses the key pair on later uses, even when asked at once', async () => {
    const { dir } = setup();
    const all = await Promise.all([ensureDevKeys(dir), ensureDevKeys(dir), ensureDevKeys(dir)]);
    const again = await ensureDevKeys(dir);
    expect(new Set([...all, again].map((keys) => keys.signingKey.kid)).size).toBe(1);
  });
});

describe('demo tokens', () => {
  const officials = (Object.keys(DEMO_CONSUMERS) as DemoConsumerName[]).filter(
    (name) => name !== 'citizen',
  );

  it.each(officials)(
    'mints a %s token the gateway accepts with the jwks.json key source',
    async (name) => {
      const keys = await ensureDevKeys(setup().dir);
      const verify = createTokenVerifier({
        keys: await loadVerificationKeys({ kind: 'jwks-file', path: keys.jwksPath }),
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
      });
      const token = await mintToken(demoClaims(name), { signingKey: keys.signingKey });
      const { dept, role } = DEMO_CONSUMERS[name].claims as { dept: string; role: string };
      await expect(verify(bearer(token))).resolves.toMatchObject({
        kind: 'official',
        department: dept,
        role,
      });
      expect(decodeProtectedHeader(token)).toEqual({
        alg: 'EdDSA',
        typ: 'JWT',
        kid: keys.signingKey.kid,
      });
    },
  );

  it('mints the caseworker of 武侯区', async () => {
    expect(demoClaims('caseworker')).toEqual({
      sub: 'demo-caseworker',
      kind: 'official',
      dept: 'civil-affairs',
      role: 'caseworker',
      jurisdiction: '510107',
    });
  });

  it('mints a citizen token for the person named, and refuses to guess one', async () => {
    expect(demoClaims('citizen', 'P0004J2K9')).toEqual({
      sub: 'demo-citizen-P0004J2K9',
      kind: 'citizen',
      person: 'P0004J2K9',
    });
    expect(() => demoClaims('citizen')).toThrow(
      'A citizen token needs the person id it stands for: --person <id>.',
    );
  });

  it('mints tokens that expire after 8 hours by default', async () => {
    const keys = await ensureDevKeys(setup().dir);
    const issuedAt = new Date('2026-11-24T01:00:00Z');
    const token = await mintToken(demoClaims('auditor'), { signingKey: keys.signingKey, issuedAt });
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    expect(payload).toMatchObject({
      iss: DEV_ISSUER,
      aud: DEV_AUDIENCE,
      iat: issuedAt.getTime() / 1000,
      exp: issuedAt.getTime() / 1000 + 8 * 3600,
    });
  });
});
