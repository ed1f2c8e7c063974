import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { IdentityError, loadVerificationKeys } from '../../../gateway/identity';
import { scratchDir } from '../../support/scratch';
import { bearer, createKey, OFFICIAL_SUB, setup } from './fixtures';

const scratch = scratchDir('identity-keys-');
let files = 0;

function jwksFile(content: string): string {
  const path = join(scratch, `jwks-${(files += 1)}.json`);
  writeFileSync(path, content);
  return path;
}

describe('loadVerificationKeys', () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  /** The identity provider on the internal network, answering every request with `status` and `body`. */
  async function identityProvider(status: number, body: unknown): Promise<string> {
    const server = createServer((_, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  }

  it('reads a JWKS file', async () => {
    const { verify, mint } = await setup({
      source: (key) => ({ kind: 'jwks-file', path: jwksFile(JSON.stringify({ keys: [key.jwk] })) }),
    });
    await expect(verify(bearer(await mint()))).resolves.toMatchObject({ id: OFFICIAL_SUB });
  });

  it('fetches the JWKS from the identity provider’s URL on first use', async () => {
    const { verify, mint } = await setup({
      source: async (key) => ({
        kind: 'jwks-url',
        url: await identityProvider(200, { keys: [key.jwk] }),
      }),
    });
    await expect(verify(bearer(await mint()))).resolves.toMatchObject({ id: OFFICIAL_SUB });
  });

  it('fails the request, not the token, when the identity provider’s JWKS is unavailable', async () => {
    const url = await identityProvider(503, { error: 'maintenance' });
    const { verify, mint } = await setup({ source: () => ({ kind: 'jwks-url', url }) });
    const token = await mint();
    await expect(verify(bearer(token))).rejects.toThrow(
      `The JWKS at ${url} cannot be loaded; bearer tokens cannot be verified until it can.`,
    );
    await expect(verify(bearer(token))).rejects.not.toBeInstanceOf(IdentityError);
  });

  it.each([
    [
      'a private key',
      async () => ({ keys: [{ ...(await createKey('ES256')).jwk, d: 'c2VjcmV0' }] }),
      "keys.0.d: it carries a private part ('d'); publish only public keys",
    ],
    [
      'a symmetric key',
      async () => ({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }),
      "keys.0.kty: kty must be 'RSA', 'EC' or 'OKP' (no symmetric keys)",
    ],
    ['no key', async () => ({ keys: [] }), 'keys: the set has no keys'],
  ])('refuses a JWKS file holding %s, naming the file', async (_, jwks, problem) => {
    const path = jwksFile(JSON.stringify(await jwks()));
    await expect(loadVerificationKeys({ kind: 'jwks-file', path })).rejects.toThrow(
      `the JWKS file ${path} is not a set of public verification keys: ${problem}.`,
    );
  });

  it('refuses a JWKS file that is not JSON, naming the file', async () => {
    const path = jwksFile('{ keys: ');
    await expect(loadVerificationKeys({ kind: 'jwks-file', path })).rejects.toThrow(
      new RegExp(`^The JWKS file ${path} cannot be read as JSON`),
    );
  });

  it('refuses a PEM that is not a public key for its algorithm', async () => {
    const { pem } = await createKey('RS256');
    await expect(loadVerificationKeys({ kind: 'public-key', pem, alg: 'ES256' })).rejects.toThrow(
      /^The public key is not an SPKI PEM key for ES256/,
    );
  });
});
