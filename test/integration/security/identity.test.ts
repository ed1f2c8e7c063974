import { generateKeyPair } from 'jose';
import { mintToken } from '../../../gateway/identity';
import { startFederation, type Federation } from '../../support/federation';
import { as, tokenFor } from '../../support/security';

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation.stop());

const ENTERPRISES = '{ enterprises(limit: 1) { name } }';

describe('who is asking, and why', () => {
  it('refuses a request without a token with 401, naming what is missing', async () => {
    const response = await federation.query(ENTERPRISES, {}, { 'x-purpose': 'market-supervision' });
    expect(response.status).toBe(401);
    expect(response.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(response.errors![0]!.message).toMatch(/Authorization/i);
    expect(response.data).toBeUndefined();
  });

  it('refuses an expired token without echoing it', async () => {
    const token = await tokenFor('inspector', undefined, new Date(Date.now() - 9 * 3600_000));
    const response = await federation.query(
      ENTERPRISES,
      {},
      {
        authorization: `Bearer ${token}`,
        'x-purpose': 'market-supervision',
      },
    );
    expect(response.status).toBe(401);
    expect(response.errors![0]!.message).toMatch(/expired/);
    expect(JSON.stringify(response)).not.toContain(token.split('.')[1]!);
  });

  it('refuses a token signed by another key, whatever department it claims', async () => {
    const { privateKey } = await generateKeyPair('EdDSA');
    const forged = await mintToken(
      { sub: 'intruder', kind: 'official', dept: 'health', role: 'doctor' },
      { signingKey: { key: privateKey, alg: 'EdDSA' } },
    );
    const response = await federation.query(
      '{ __typename }',
      {},
      {
        authorization: `Bearer ${forged}`,
        'x-purpose': 'medical-treatment',
      },
    );
    expect(response.status).toBe(401);
    expect(response.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('asks for a purpose when none is stated (400), and refuses one not in the catalogue (403)', async () => {
    const { authorization } = await as('inspector', 'market-supervision');
    const none = await federation.query(ENTERPRISES, {}, { authorization });
    expect(none.status).toBe(400);
    expect(none.errors![0]!.message).toMatch(/x-purpose/);
    const unknown = await federation.query(
      ENTERPRISES,
      {},
      { authorization, 'x-purpose': 'curiosity' },
    );
    expect(unknown.status).toBe(403);
    expect(unknown.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(unknown.errors![0]!.message).toMatch(/market-supervision/);
  });

  it('serves a valid token with a catalogue purpose', async () => {
    const response = await federation.query(
      ENTERPRISES,
      {},
      await as('inspector', 'market-supervision'),
    );
    expect(response.errors).toBeUndefined();
    expect((response.data as { enterprises: unknown[] }).enterprises).toHaveLength(1);
  });

  it('in anonymous mode (off by default) serves UNCONDITIONAL fields only, and still refuses a bad token', async () => {
    const open = await startFederation({ allowAnonymous: true });
    try {
      const registry = await open.query<{ enterprises: { name: string }[] }>(
        '{ enterprises(limit: 2) { name status } }',
        {},
        { 'x-purpose': 'public-information' },
      );
      expect(registry.errors).toBeUndefined();
      expect(registry.data!.enterprises).toHaveLength(2);
      const personal = await open.query(
        '{ enterprises(limit: 2) { name legalRepresentative { name } } }',
        {},
        { 'x-purpose': 'public-information' },
      );
      expect(personal.status).toBe(403);
      expect(personal.errors![0]!.message).toMatch(
        /Anonymous callers may read only UNCONDITIONAL fields/,
      );
      const bad = await open.query(
        '{ enterprises(limit: 1) { name } }',
        {},
        {
          authorization: 'Bearer not.a.token',
          'x-purpose': 'public-information',
        },
      );
      expect(bad.status).toBe(401);
    } finally {
      await open.stop();
    }
  });
});
