import { generateKeyPairSync } from 'node:crypto';
import {
  createContextSigner,
  createContextVerifier,
  ContextError,
} from '../../../contracts/subgraph-context';
import { READ_EVERYTHING } from '../../support/context';

// The gateway hands its fetcher the claims as JSON text and the signer adds the registered
// claims without parsing them again: the department must see exactly what the object gives.
const keys = generateKeyPairSync('ed25519');
const sign = createContextSigner({ privateKey: keys.privateKey });
const verifier = () => createContextVerifier({ publicKey: keys.publicKey, subgraph: 'tax' });
const BODY = '{"query":"{ __typename }"}';
const claims = {
  consumer: {
    kind: 'official' as const,
    id: 'u1',
    department: 'civil-affairs',
    role: 'caseworker',
    jurisdiction: '510107',
    application: null,
    personId: null,
  },
  purpose: 'social-assistance-eligibility',
  caseNumber: 'C-1',
  requestId: 'r-1',
  rules: READ_EVERYTHING,
  borrowedRules: [],
  revision: 3,
  failClosed: false,
};

describe('createContextSigner with claims as JSON text', () => {
  it('signs the same claims as the object, verified by the department', async () => {
    const fromObject = await verifier()(await sign('tax', claims, BODY), BODY);
    const fromText = await verifier()(await sign('tax', JSON.stringify(claims), BODY), BODY);
    expect(fromText).toEqual(fromObject);
    expect(fromText).toMatchObject({ purpose: claims.purpose, caseNumber: 'C-1', revision: 3 });
  });

  it('the registered claims win over a claim of the same name, as they do for an object', async () => {
    const forged = JSON.stringify({ ...claims, aud: 'health', bodyHash: 'x', iss: 'someone' });
    const token = await sign('tax', forged, BODY);
    await expect(verifier()(token, BODY)).resolves.toMatchObject({ purpose: claims.purpose });
    const health = createContextVerifier({ publicKey: keys.publicKey, subgraph: 'health' });
    await expect(health(token, BODY)).rejects.toThrow(ContextError);
  });

  it('refuses text that is not a JSON object', async () => {
    await expect(sign('tax', '[1,2]', BODY)).rejects.toThrow(/must be a JSON object/);
    await expect(sign('tax', '  ', BODY)).rejects.toThrow(/must be a JSON object/);
  });
});
