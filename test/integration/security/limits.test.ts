import { startFederation, type Federation } from '../../support/federation';
import { recordsOf } from '../../support/records';
import { as } from '../../support/security';

// Operation limits are checked on the parsed document before validation's other rules,
// planning and the policy walk, in one pass over it: hostile documents are refused cheaply,
// with the limit's code and both numbers, and the gateway keeps answering.
let federation: Federation;
let caseworker: Record<string, string>;
beforeAll(async () => {
  federation = await startFederation();
  caseworker = await as('caseworker', 'social-assistance-eligibility');
});
afterAll(() => federation.stop());

const nested = (depth: number): string =>
  depth === 0 ? 'name' : `household { members { ${nested(depth - 1)} } }`;
const aliases = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: persons(limit: 1) { name }`).join(' ')} }`;
/** 2^18 selections of Person.name from a 20-line document. */
const FRAGMENT_BOMB = [
  'query Bomb { persons(limit: 1) { ...F18 } }',
  'fragment F0 on Person { name idNumber }',
  ...Array.from({ length: 18 }, (_, i) => `fragment F${i + 1} on Person { ...F${i} ...F${i} }`),
].join('\n');

const refusals: [string, string, string, Record<string, number>][] = [
  [
    'an operation 14 fields deep',
    `{ persons(limit: 1) { ${nested(6)} } }`,
    'MAX_DEPTH_LIMIT',
    { depth: 14, max: 12 },
  ],
  ['31 aliases', aliases(31), 'MAX_ALIASES_LIMIT', { aliases: 31, max: 30 }],
  [
    '21 root fields without aliases, through a fragment',
    `{ ...R } fragment R on Query { ${'persons(limit: 1) { name } '.repeat(21)} }`,
    'MAX_ROOT_FIELDS_LIMIT',
    { rootFields: 21, max: 20 },
  ],
  ['10,000 aliases', aliases(10_000), 'MAX_TOKENS_LIMIT', { tokens: 5_001, max: 5_000 }],
  [
    '51 directives',
    `{ persons(limit: 1) { ${'name @include(if: true) '.repeat(51)} } }`,
    'MAX_DIRECTIVES_LIMIT',
    { directives: 51, max: 50 },
  ],
  [
    'an 18-level fragment bomb',
    FRAGMENT_BOMB,
    'MAX_EXPANDED_FIELDS_LIMIT',
    { expandedFields: 524_289, max: 2_000 },
  ],
  [
    'a 70 kB document',
    `{ persons(limit: 1) { name } } # ${'x'.repeat(70_000)}`,
    'MAX_DOCUMENT_BYTES_LIMIT',
    { documentBytes: 70_033, max: 65_536 },
  ],
];

describe('operation limits', () => {
  it.each(refusals)('refuses %s with a 400 naming the limit', async (_, query, code, numbers) => {
    const response = await federation.query(query, undefined, caseworker);
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.extensions).toEqual({ code, ...numbers });
    expect(response.errors![0]!.message).toMatch(/this gateway serves at most \d+/);
  });

  it('refuses too many distinct fields with their count', async () => {
    const limited = await startFederation({ limits: { maxHeight: 5 } });
    try {
      const response = await limited.query(
        '{ persons(limit: 1) { id name idNumber birthDate districtCode gender } }',
        undefined,
        caseworker,
      );
      expect(response.status).toBe(400);
      expect(response.errors![0]!.extensions).toEqual({
        code: 'MAX_HEIGHT_LIMIT',
        height: 7,
        max: 5,
      });
    } finally {
      await limited.stop();
    }
  });

  it('serves an operation within every limit', async () => {
    const response = await federation.query(
      `{ persons(limit: 1) { ${nested(4)} } }`,
      undefined,
      caseworker,
    );
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
  });

  it('records each refusal with the limit as its reason', async () => {
    await federation.query(aliases(31), undefined, caseworker);
    const records = await recordsOf(federation.streamId);
    expect(records.at(-1)).toMatchObject({ outcome: 'refused', reason: 'max-aliases-limit' });
  });

  it('keeps /healthz answering during a burst of 10,000-alias documents and fragment bombs', async () => {
    const burst = Array.from({ length: 40 }, (_, i) =>
      federation.query(i % 2 ? aliases(10_000) : FRAGMENT_BOMB, undefined, caseworker),
    );
    const health = await Promise.all(
      Array.from({ length: 5 }, () => fetch(`${federation.url}/healthz`).then((r) => r.status)),
    );
    const answers = await Promise.all(burst);
    expect(health).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.errors?.[0]?.extensions?.code))).toEqual(
      new Set(['MAX_TOKENS_LIMIT', 'MAX_EXPANDED_FIELDS_LIMIT']),
    );
  });
});
