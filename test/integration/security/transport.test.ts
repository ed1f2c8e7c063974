import { generateKeyPair } from 'jose';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { run as audit } from '../../../scripts/audit';
import { mintToken } from '../../../gateway/identity';
import { verifyChains } from '../../../records';
import { testDatabaseUrl } from '../../support/database';
import { startFederation, type Federation } from '../../support/federation';
import { head, rawRequest, type RawResponse } from '../../support/raw-http';
import { as, tokenFor } from '../../support/security';

// Short limits, generous margins: nothing here depends on an idle machine.
const BODY_DEADLINE_MS = 1_500;
const MAX_BODY_BYTES = 100_000;
const MAX_TOKEN_BYTES = 4_096;
const EVENT_WINDOW_MS = 100;

let federation: Federation;
let db: pg.Pool;
const secrets: string[] = [];
let inspector: Record<string, string>;
let tokens: Record<'valid' | 'forged' | 'expired' | 'unsigned', string>;

beforeAll(async () => {
  federation = await startFederation({
    http: { bodyDeadlineMs: BODY_DEADLINE_MS, maxBodyBytes: MAX_BODY_BYTES },
    maxTokenBytes: MAX_TOKEN_BYTES,
    securityEvents: { windowMs: EVENT_WINDOW_MS },
  });
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  const { privateKey } = await generateKeyPair('EdDSA');
  const valid = await tokenFor('inspector');
  tokens = {
    valid,
    forged: await mintToken(
      { sub: 'intruder', kind: 'official', dept: 'health', role: 'doctor' },
      { signingKey: { key: privateKey, alg: 'EdDSA' } },
    ),
    expired: await tokenFor('inspector', undefined, new Date(Date.now() - 9 * 3600_000)),
    unsigned: `${valid.split('.').slice(0, 2).join('.')}.`,
  };
  // No part of a token may reach a record (the signature is what makes each one unique).
  secrets.push(...Object.values(tokens).map((t) => t.split('.')[2] || t.split('.')[1]!));
  inspector = await as('inspector', 'market-supervision');
});
afterAll(async () => {
  await db?.end();
  await federation?.stop();
});

const QUERY = '{ enterprises(limit: 1) { name } }';
const JSON_BODY = JSON.stringify({ query: QUERY });
// A resident ID number sent as a variable: it must never reach a record or a log line.
const ID_NUMBER = '510104199003070011';
secrets.push(ID_NUMBER);

type Who = 'event' | 'official';
interface Attack {
  name: string;
  send: () => Promise<RawResponse>;
  status: number;
  code: string;
  /** What the refusal leaves: a security event (no consumer) or the official's access record. */
  who: Who;
  reason: string;
}

const post = (headers: Record<string, string | number>, body: string | Buffer = JSON_BODY) =>
  rawRequest(federation.url, [
    head('POST', '/graphql', {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...headers,
    }),
    body,
  ]);
const bearer = (token: string) => ({
  authorization: `Bearer ${token}`,
  'x-purpose': 'market-supervision',
});
const get = (query: string, headers: Record<string, string> = inspector) =>
  rawRequest(federation.url, [
    head('GET', `/graphql?query=${encodeURIComponent(query)}`, {
      'apollo-require-preflight': 'true',
      ...headers,
    }),
  ]);

const attacks: Attack[] = [
  // Who is asking: checked from the headers, before the body.
  {
    name: 'no token',
    send: () => post({ 'x-purpose': 'market-supervision' }),
    status: 401,
    code: 'UNAUTHENTICATED',
    who: 'event',
    reason: 'token-missing',
  },
  {
    name: 'a token signed by another key',
    send: () => post(bearer(tokens.forged)),
    status: 401,
    code: 'UNAUTHENTICATED',
    who: 'event',
    reason: 'token-signature',
  },
  {
    name: 'an expired token',
    send: () => post(bearer(tokens.expired)),
    status: 401,
    code: 'UNAUTHENTICATED',
    who: 'event',
    reason: 'token-expired',
  },
  {
    name: 'a token without its signature (alg of a signed token, empty signature)',
    send: () => post(bearer(tokens.unsigned)),
    status: 401,
    code: 'UNAUTHENTICATED',
    who: 'event',
    reason: 'token-signature',
  },
  {
    name: 'a token that is not a JWT',
    send: () => post(bearer('not.a.token')),
    status: 401,
    code: 'UNAUTHENTICATED',
    who: 'event',
    reason: 'token-malformed',
  },
  {
    name: 'a token longer than MAX_TOKEN_BYTES',
    send: () => post(bearer(`${tokens.valid}${'A'.repeat(MAX_TOKEN_BYTES)}`)),
    status: 401,
    code: 'UNAUTHENTICATED',
    who: 'event',
    reason: 'token-too-long',
  },
  {
    name: 'no token and a 50 MB body announced but never sent (401 without reading it)',
    send: () =>
      rawRequest(
        federation.url,
        [
          head('POST', '/graphql', {
            'content-type': 'application/json',
            'content-length': 50_000_000,
            'x-purpose': 'market-supervision',
          }),
        ],
        3_000,
      ),
    status: 401,
    code: 'UNAUTHENTICATED',
    who: 'event',
    reason: 'token-missing',
  },
  {
    name: 'a forged token and 5 MB of body being sent (401 after the first bytes)',
    send: () =>
      rawRequest(
        federation.url,
        [
          head('POST', '/graphql', {
            'content-type': 'application/json',
            'content-length': 5_000_000,
            ...bearer(tokens.forged),
          }),
          '{"query":"',
          { stallMs: 5_000 },
        ],
        3_000,
      ),
    status: 401,
    code: 'UNAUTHENTICATED',
    who: 'event',
    reason: 'token-signature',
  },
  // Why: the consumer is known, so the refusal is the official's own access record.
  {
    name: 'no purpose',
    send: () => post({ authorization: inspector.authorization! }),
    status: 400,
    code: 'BAD_USER_INPUT',
    who: 'official',
    reason: 'purpose-missing',
  },
  {
    name: 'a purpose not in the catalogue',
    send: () => post({ ...inspector, 'x-purpose': 'curiosity' }),
    status: 403,
    code: 'FORBIDDEN',
    who: 'official',
    reason: 'purpose-unknown',
  },
  {
    name: 'a purpose that is not a code',
    send: () => post({ ...inspector, 'x-purpose': 'DROP TABLE' }),
    status: 400,
    code: 'BAD_USER_INPUT',
    who: 'official',
    reason: 'purpose-malformed',
  },
  {
    name: 'a malformed case number',
    send: () => post({ ...inspector, 'x-case-number': 'a b c' }),
    status: 400,
    code: 'BAD_USER_INPUT',
    who: 'official',
    reason: 'case-number-malformed',
  },
  // How it is sent.
  {
    name: 'PUT',
    send: () =>
      rawRequest(federation.url, [
        head('PUT', '/graphql', {
          ...inspector,
          'content-type': 'application/json',
          'content-length': JSON_BODY.length,
        }),
        JSON_BODY,
      ]),
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    who: 'official',
    reason: 'method-not-allowed',
  },
  {
    name: 'a text/plain POST (CSRF without preflight)',
    send: () => post({ ...inspector, 'content-type': 'text/plain' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    who: 'official',
    reason: 'unsupported-media-type',
  },
  {
    name: 'a multipart/form-data POST',
    send: () => post({ ...inspector, 'content-type': 'multipart/form-data; boundary=x' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    who: 'official',
    reason: 'unsupported-media-type',
  },
  {
    name: 'an application/x-www-form-urlencoded POST',
    send: () =>
      post(
        { ...inspector, 'content-type': 'application/x-www-form-urlencoded' },
        `query=${encodeURIComponent(QUERY)}`,
      ),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    who: 'official',
    reason: 'unsupported-media-type',
  },
  {
    name: 'a POST without a content type',
    send: () =>
      rawRequest(federation.url, [
        head('POST', '/graphql', { ...inspector, 'content-length': JSON_BODY.length }),
        JSON_BODY,
      ]),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    who: 'official',
    reason: 'unsupported-media-type',
  },
  {
    name: 'JSON in a charset other than UTF-8',
    send: () => post({ ...inspector, 'content-type': 'application/json; charset=iso-8859-1' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    who: 'official',
    reason: 'unsupported-media-type',
  },
  {
    name: 'a body that is not UTF-8',
    send: () => post(inspector, Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d])),
    status: 400,
    code: 'BAD_REQUEST',
    who: 'official',
    reason: 'body-not-utf8',
  },
  {
    name: 'an overlong UTF-8 encoding of "{"',
    send: () => post(inspector, Buffer.from([0xc1, 0xbb, 0x7d])),
    status: 400,
    code: 'BAD_REQUEST',
    who: 'official',
    reason: 'body-not-utf8',
  },
  {
    name: 'broken JSON',
    send: () => post(inspector, '{"query": "{ __typename }"'),
    status: 400,
    code: 'BAD_REQUEST',
    who: 'official',
    reason: 'body-not-json',
  },
  {
    name: 'a batch (JSON array)',
    send: () => post(inspector, JSON.stringify([{ query: QUERY }, { query: QUERY }])),
    status: 400,
    code: 'BAD_REQUEST',
    who: 'official',
    reason: 'batch',
  },
  {
    name: 'a JSON string',
    send: () => post(inspector, JSON.stringify(QUERY)),
    status: 400,
    code: 'BAD_REQUEST',
    who: 'official',
    reason: 'body-not-object',
  },
  {
    name: 'JSON null',
    send: () => post(inspector, 'null'),
    status: 400,
    code: 'BAD_REQUEST',
    who: 'official',
    reason: 'body-not-object',
  },
  {
    name: 'a GET that is a mutation',
    send: () =>
      get(
        'mutation { holdDisclosure(input: { caseNumber: "X", hiddenUntil: "2030-01-01T00:00:00Z", reason: "r" }) { id } }',
      ),
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    who: 'official',
    reason: 'get-not-query',
  },
  {
    name: 'a GET naming its query but carrying a mutation too',
    send: () =>
      get(
        `query Q ${QUERY} mutation M { holdDisclosure(input: { caseNumber: "X", hiddenUntil: "2030-01-01T00:00:00Z", reason: "r" }) { id } }`,
      ),
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    who: 'official',
    reason: 'get-not-query',
  },
  {
    name: 'a GET without the CSRF preflight header',
    send: () =>
      rawRequest(federation.url, [
        head('GET', `/graphql?query=${encodeURIComponent(QUERY)}`, inspector),
      ]),
    status: 400,
    code: 'BAD_REQUEST',
    who: 'official',
    reason: 'bad-request',
  },
  // How much, how fast.
  {
    name: 'a body over MAX_BODY_BYTES, announced',
    send: () =>
      rawRequest(federation.url, [
        head('POST', '/graphql', {
          ...inspector,
          'content-type': 'application/json',
          'content-length': MAX_BODY_BYTES + 1,
        }),
      ]),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    who: 'official',
    reason: 'payload-too-large',
  },
  {
    name: 'a body over MAX_BODY_BYTES, chunked',
    send: () =>
      rawRequest(federation.url, [
        head('POST', '/graphql', {
          ...inspector,
          'content-type': 'application/json',
          'transfer-encoding': 'chunked',
        }),
        `${(MAX_BODY_BYTES + 10).toString(16)}\r\n${' '.repeat(MAX_BODY_BYTES + 10)}\r\n`,
        { stallMs: 5_000 },
      ]),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    who: 'official',
    reason: 'payload-too-large',
  },
  {
    name: 'a body sent slowly (slowloris)',
    send: () =>
      rawRequest(federation.url, [
        head('POST', '/graphql', {
          ...inspector,
          'content-type': 'application/json',
          'content-length': 1_000,
        }),
        '{"query":',
        { stallMs: 600 },
        ' ',
        { stallMs: 600 },
        ' ',
        { stallMs: 6_000 },
      ]),
    status: 408,
    code: 'REQUEST_TIMEOUT',
    who: 'official',
    reason: 'body-timeout',
  },
  {
    name: 'headers sent slowly',
    send: () =>
      rawRequest(federation.url, [
        'POST /graphql HTTP/1.1\r\nhost: gateway\r\n',
        { stallMs: 8_000 },
      ]),
    status: 408,
    code: 'REQUEST_TIMEOUT',
    who: 'event',
    reason: 'headers-timeout',
  },
  {
    name: 'headers over MAX_HEADER_BYTES',
    send: () => post({ ...inspector, 'x-padding': 'p'.repeat(20_000) }),
    status: 431,
    code: 'REQUEST_HEADERS_TOO_LARGE',
    who: 'event',
    reason: 'headers-too-large',
  },
  {
    name: 'bytes that are not HTTP',
    send: () =>
      rawRequest(federation.url, ['\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 hello\r\n\r\n']),
    status: 400,
    code: 'BAD_REQUEST',
    who: 'event',
    reason: 'malformed-http',
  },
  // What GraphQL makes of it: the access-records plugin records these.
  {
    name: 'a body without a query',
    send: () => post(inspector, '{"variables":{}}'),
    status: 400,
    code: 'BAD_REQUEST',
    who: 'official',
    reason: 'bad-request',
  },
  {
    name: 'variables as a string',
    send: () => post(inspector, JSON.stringify({ query: QUERY, variables: '{}' })),
    status: 400,
    code: 'BAD_REQUEST',
    who: 'official',
    reason: 'bad-request',
  },
  {
    name: 'an unparseable document',
    send: () => post(inspector, JSON.stringify({ query: '{ enterprises(limit: 1) { name ' })),
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
    who: 'official',
    reason: 'graphql-parse-failed',
  },
  {
    name: 'a field that does not exist',
    send: () =>
      post(inspector, JSON.stringify({ query: '{ enterprises(limit: 1) { secretField } }' })),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    who: 'official',
    reason: 'graphql-validation-failed',
  },
  {
    name: 'an ID number in a variable of the wrong type (the error echoes it; the record must not)',
    send: () =>
      post(
        inspector,
        JSON.stringify({
          query: 'query($n: Int!) { enterprises(limit: $n) { name } }',
          variables: { n: ID_NUMBER },
        }),
      ),
    status: 400,
    code: 'BAD_USER_INPUT',
    who: 'official',
    reason: 'bad-user-input',
  },
];

describe('transport edges: every malformed request is refused with a code, a request id and a record', () => {
  it.each(attacks)('$name → $status $code', async (attack) => {
    const statements = federation.statements();
    const since = new Date(Date.now() - 1_000).toISOString();
    const response = await attack.send();
    expect(response.status).toBe(attack.status);
    const requestId = response.headers['x-request-id'];
    expect(requestId).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
    const body = JSON.parse(response.body) as {
      errors: { message: string; extensions: { code: string; requestId?: string } }[];
    };
    expect(body.errors[0]!.extensions.code).toBe(attack.code);
    if (body.errors[0]!.extensions.requestId)
      expect(body.errors[0]!.extensions.requestId).toBe(requestId);
    expect(federation.statements()).toBe(statements);

    const record = await recordOf(attack, requestId!, since);
    expect(record).toMatchObject({
      outcome: 'refused',
      reason: attack.reason,
      client_address: '127.0.0.1',
      consumer_kind: attack.who === 'event' ? 'unidentified' : 'official',
      departments: [],
      subjects: [],
    });
    if (attack.who === 'official') {
      expect(record.request_id).toBe(requestId);
      expect(record.consumer_role).toBe('inspector');
    }
    const stored = JSON.stringify(record);
    for (const secret of secrets) expect(stored).not.toContain(secret);
  });

  it('answers every route with a request id, and echoes a well-formed one the client sent', async () => {
    const health = await rawRequest(federation.url, [head('GET', '/healthz', {})]);
    expect(health.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await post({
      'x-request-id': 'client-req-0001',
      'x-purpose': 'market-supervision',
    });
    expect(given.headers['x-request-id']).toBe('client-req-0001');
    expect(JSON.parse(given.body).errors[0].extensions.requestId).toBe('client-req-0001');
  });

  it('counts a flood of identical refusals from one address into few records', async () => {
    const since = new Date(Date.now() - 1_000).toISOString();
    const forgedOnce = await mintToken(
      { sub: 'flood', kind: 'official', dept: 'tax', role: 'x' },
      { signingKey: { key: (await generateKeyPair('EdDSA')).privateKey, alg: 'EdDSA' } },
    );
    const flood = Array.from({ length: 60 }, () =>
      fetch(`${federation.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(forgedOnce) },
        body: JSON_BODY,
      }).then((r) => r.status),
    );
    expect(new Set(await Promise.all(flood))).toEqual(new Set([401]));
    await waitFor(async () => {
      const { rows } = await db.query<{ records: string; total: string }>(
        `SELECT count(*) AS records, sum(count) AS total FROM access_records.access_record
         WHERE stream_id = $1 AND reason = 'token-signature' AND occurred_at >= $2`,
        [federation.streamId, since],
      );
      return Number(rows[0]!.total) >= 60 ? rows[0] : null;
    }).then((row) => {
      expect(Number(row.total)).toBe(60);
      expect(Number(row.records)).toBeLessThan(60 / 4);
    });
  });

  it('keeps refusals and security events in a chain that verifies', async () => {
    const report = await verifyChains(db, { streamId: federation.streamId });
    expect(report.ok).toBe(true);
    expect(report.streams[0]!.records).toBeGreaterThan(attacks.length);
  });
});

describe('an auditor sees the probing', () => {
  it('lists security events with their count, reason and address (npm run audit -- refusals)', async () => {
    const [stdout, stderr] = [new PassThrough(), new PassThrough()];
    let out = '';
    stdout.on('data', (c) => (out += c));
    stderr.resume();
    const since = new Date(Date.now() - 600_000).toISOString();
    const code = await audit(
      [
        'refusals',
        '--unidentified',
        '--reason',
        'token-signature',
        '--from',
        since,
        '--limit',
        '1000',
      ],
      { stdout, stderr, env: { DATABASE_URL: testDatabaseUrl() } },
    );
    expect(code).toBe(0);
    expect(out).toMatch(/ +\d+x token-signature from 127\.0\.0\.1 by unidentified request /);
    for (const secret of secrets) expect(out).not.toContain(secret);
  });
});

async function recordOf(attack: Attack, requestId: string, since: string) {
  // A security event counts the refusals of its window: the first one's request id names it.
  const [where, value] =
    attack.who === 'event'
      ? ['reason = $2 AND occurred_at >= $3', attack.reason]
      : ['request_id = $2 AND $3::text IS NOT NULL', requestId];
  return waitFor(async () => {
    const { rows } = await db.query(
      `SELECT * FROM access_records.access_record WHERE stream_id = $1 AND ${where}
       ORDER BY seq DESC LIMIT 1`,
      [federation.streamId, value, since],
    );
    return rows[0] ?? null;
  });
}

// Security events are stored when their window closes: wait for them, boundedly.
async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > until) throw new Error('nothing recorded in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
