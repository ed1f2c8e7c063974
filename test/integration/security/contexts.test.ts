import { createHash, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import {
  CONTEXT_HEADER,
  createContextSigner,
  memoryReplayGuard,
  redisReplayGuard,
  type ReplayGuard,
} from '../../../contracts/subgraph-context';
import { loadDepartment } from '../../../subgraphs';
import { Database, schemaName, startSubgraph, type RunningSubgraph } from '../../../subgraphs/kit';
import { contextKeys, READ_EVERYTHING, signedHeaders } from '../../support/context';
import { testDatabaseUrl } from '../../support/database';

// A department cannot be read around the gateway: every way of forging, stretching or
// reusing the signed context is refused with 401 before a statement runs, with the replay
// memory in this process and shared between replicas in Redis.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const department = loadDepartment('tax');
const BODY = JSON.stringify({ query: '{ enterprisesByTaxCredit(level: A, limit: 5) { uscc } }' });
const CONSUMER = {
  kind: 'gateway',
  id: 'attacker',
  department: null,
  role: null,
  jurisdiction: null,
  application: null,
  personId: null,
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const bodyHash = (body: string) => createHash('sha256').update(body).digest('base64url');

function claims(overrides: Record<string, unknown> = {}) {
  const iat = Math.floor(Date.now() / 1000);
  return {
    consumer: CONSUMER,
    purpose: 'test',
    caseNumber: null,
    requestId: 'attack',
    rules: READ_EVERYTHING,
    borrowedRules: [],
    bodyHash: bodyHash(BODY),
    iss: 'gov-data-graph-gateway',
    aud: 'tax',
    iat,
    exp: iat + 30,
    jti: randomUUID(),
    ...overrides,
  };
}

/** A compact JWS with any header and payload, signed with `key` (Ed25519) or not at all. */
function token(header: Record<string, unknown>, payload: unknown, key?: KeyObject): string {
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = key ? sign(null, Buffer.from(input), key).toString('base64url') : '';
  return `${input}.${signature}`;
}

const EDDSA = { alg: 'EdDSA', typ: 'gateway-context+jwt' };
const strangerKey = generateKeyPairSync('ed25519').privateKey;

const attacks: [string, () => Promise<Record<string, string>>, string?][] = [
  ['no context header', async () => ({})],
  ['an empty context header', async () => ({ [CONTEXT_HEADER]: '' })],
  ['a context that is not a JWS', async () => ({ [CONTEXT_HEADER]: 'not.a.token' })],
  [
    "alg 'none' with no signature",
    async () => ({ [CONTEXT_HEADER]: token({ alg: 'none' }, claims()) }),
  ],
  [
    'HS256 keyed with the public key (algorithm confusion)',
    async () => {
      const { createHmac } = await import('node:crypto');
      const secret = contextKeys.publicKey.export({ format: 'pem', type: 'spki' });
      const input = `${b64({ alg: 'HS256' })}.${b64(claims())}`;
      const mac = createHmac('sha256', secret).update(input).digest('base64url');
      return { [CONTEXT_HEADER]: `${input}.${mac}` };
    },
  ],
  [
    'signed by another Ed25519 key',
    async () => ({ [CONTEXT_HEADER]: token(EDDSA, claims(), strangerKey) }),
  ],
  [
    'the right key, expired',
    async () => ({
      [CONTEXT_HEADER]: token(
        EDDSA,
        claims({ iat: 1_700_000_000, exp: 1_700_000_030 }),
        contextKeys.privateKey,
      ),
    }),
  ],
  [
    'the right key, meant for another department',
    async () => ({
      [CONTEXT_HEADER]: token(EDDSA, claims({ aud: 'public-security' }), contextKeys.privateKey),
    }),
  ],
  [
    'the right key, an audience list including this department',
    async () => ({
      [CONTEXT_HEADER]: token(
        EDDSA,
        claims({ aud: ['public-security', 'tax'] }),
        contextKeys.privateKey,
      ),
    }),
  ],
  [
    'the right key, another issuer',
    async () => ({
      [CONTEXT_HEADER]: token(EDDSA, claims({ iss: 'someone-else' }), contextKeys.privateKey),
    }),
  ],
  [
    'the right key, no jti (cannot be checked for replay)',
    async () => ({
      [CONTEXT_HEADER]: token(EDDSA, claims({ jti: undefined }), contextKeys.privateKey),
    }),
  ],
  [
    'the right key, no expiry',
    async () => ({
      [CONTEXT_HEADER]: token(EDDSA, claims({ exp: undefined }), contextKeys.privateKey),
    }),
  ],
  [
    'the right key, signed for another body',
    async () => ({
      [CONTEXT_HEADER]: token(
        EDDSA,
        claims({ bodyHash: bodyHash('{"query":"{ __typename }"}') }),
        contextKeys.privateKey,
      ),
    }),
  ],
  [
    'the right key, rules that are not a list',
    async () => ({
      [CONTEXT_HEADER]: token(EDDSA, claims({ rules: { all: true } }), contextKeys.privateKey),
    }),
  ],
  [
    'the right key, a consumer of an unknown kind',
    async () => ({
      [CONTEXT_HEADER]: token(
        EDDSA,
        claims({ consumer: { ...CONSUMER, kind: 'root' } }),
        contextKeys.privateKey,
      ),
    }),
  ],
  [
    'the right key, another token type in the header',
    async () => ({
      [CONTEXT_HEADER]: token({ alg: 'EdDSA', typ: 'JWT' }, claims(), contextKeys.privateKey),
    }),
  ],
  [
    'the right key, a header with critical extensions',
    async () => ({
      [CONTEXT_HEADER]: token(
        { ...EDDSA, crit: ['exp'], exp: 1 },
        claims(),
        contextKeys.privateKey,
      ),
    }),
  ],
  [
    'the right key, an unencoded payload (b64: false)',
    async () => ({
      [CONTEXT_HEADER]: token({ ...EDDSA, b64: false }, claims(), contextKeys.privateKey),
    }),
  ],
  [
    'the right key, a jti that is not a text',
    async () => ({
      [CONTEXT_HEADER]: token(EDDSA, claims({ jti: 42 }), contextKeys.privateKey),
    }),
  ],
  [
    'the right key, an expiry given as a text',
    async () => ({
      [CONTEXT_HEADER]: token(EDDSA, claims({ exp: '9999999999' }), contextKeys.privateKey),
    }),
  ],
  [
    'the right key, not valid before a time to come',
    async () => ({
      [CONTEXT_HEADER]: token(
        EDDSA,
        claims({ nbf: Math.floor(Date.now() / 1000) + 600 }),
        contextKeys.privateKey,
      ),
    }),
  ],
  [
    'the right key, a payload that is a list',
    async () => {
      const input = `${b64(EDDSA)}.${b64([claims()])}`;
      const signature = sign(null, Buffer.from(input), contextKeys.privateKey);
      return { [CONTEXT_HEADER]: `${input}.${signature.toString('base64url')}` };
    },
  ],
  [
    'a valid context with padding or spaces in its parts',
    async () => {
      const [header, payload, signature] = (await signedHeaders('tax', BODY))[
        CONTEXT_HEADER
      ]!.split('.');
      return { [CONTEXT_HEADER]: `${header}.${payload}=.${signature} ` };
    },
  ],
  [
    'a valid context, its signature cut short',
    async () => {
      const valid = (await signedHeaders('tax', BODY))[CONTEXT_HEADER]!;
      return { [CONTEXT_HEADER]: valid.slice(0, -4) };
    },
  ],
  [
    'a valid context, its signature bit-flipped',
    async () => {
      const valid = (await signedHeaders('tax', BODY))[CONTEXT_HEADER]!;
      const at = valid.length - 20; // inside the signature, away from its padding bits
      const flipped = valid.slice(0, at) + (valid[at] === 'A' ? 'B' : 'A') + valid.slice(at + 1);
      return { [CONTEXT_HEADER]: flipped };
    },
  ],
  [
    'a valid context with its payload swapped for a wider one',
    async () => {
      const [header, , signature] = (await signedHeaders('tax', BODY))[CONTEXT_HEADER]!.split('.');
      return { [CONTEXT_HEADER]: `${header}.${b64(claims({ requestId: 'wider' }))}.${signature}` };
    },
  ],
  [
    'a context signed with a lifetime in the past by the gateway signer',
    async () => {
      const signer = createContextSigner({ privateKey: contextKeys.privateKey, ttlSec: -5 });
      const signed = await signer(
        'tax',
        {
          consumer: CONSUMER,
          purpose: 'test',
          caseNumber: null,
          requestId: 'r',
          rules: READ_EVERYTHING,
          borrowedRules: [],
        } as never,
        BODY,
      );
      return { [CONTEXT_HEADER]: signed };
    },
  ],
];

describe.each(['memory', 'redis'] as const)('with the replay memory in %s', (kind) => {
  let db: Database;
  let replay: ReplayGuard;
  let subgraph: RunningSubgraph;
  beforeAll(async () => {
    db = new Database({
      url: testDatabaseUrl(),
      schema: schemaName(department),
      maxConnections: 2,
    });
    replay =
      kind === 'redis'
        ? await redisReplayGuard({
            url: REDIS_URL,
            subgraph: 'tax',
            prefix: `test-${randomUUID()}`,
          })
        : memoryReplayGuard();
    subgraph = await startSubgraph(department, db, {
      port: 0,
      contextKey: contextKeys.publicKey,
      replay,
    });
  });
  afterAll(async () => {
    await subgraph.stop();
    await replay.close?.();
    await db.close();
  });

  const call = async (headers: Record<string, string>, body = BODY) => {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: response.status, text: await response.text() };
  };

  it.each(attacks)('%s: 401, no statement, no data', async (_how, headers) => {
    const before = db.statements;
    const response = await call(await headers());
    expect(response.status).toBe(401);
    expect(response.text).not.toMatch(/uscc|"data"\s*:\s*\{/);
    expect(db.statements).toBe(before);
  });

  it('a context used once is refused the second time, also with the body re-serialised', async () => {
    const headers = await signedHeaders('tax', BODY);
    expect((await call(headers)).status).toBe(200);
    const before = db.statements;
    expect((await call(headers)).status).toBe(401);
    expect((await call(headers, BODY.replace('{ ', '{  '))).status).toBe(401);
    expect(db.statements).toBe(before);
  });

  it('a fresh context for the same body is served (the checks refuse attacks, not calls)', async () => {
    const response = await call(await signedHeaders('tax', BODY));
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/uscc/);
  });
});
