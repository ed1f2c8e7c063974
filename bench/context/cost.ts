/**
 * What a signed subgraph context costs each side, per call: the gateway's signature
 * (contracts/subgraph-context/sign.ts) and the department's whole check (verify.ts: signature,
 * registered claims, the claims' schema, body hash, replay memory), beside the same check done
 * by jose's `jwtVerify` (WebCrypto), which the departments used before, and the Ed25519
 * signature and verification alone through libsodium (the product's) and OpenSSL (node:crypto). Contexts carry the
 * rules the gateway signs for the enterprise lookup's department. CPU by process.cpuUsage,
 * alternating rounds, medians; no database, no network.
 *
 *   node --import tsx bench/context/cost.ts [--calls 4000] [--rounds 7] [--out FILE]
 */
import { generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { jwtVerify } from 'jose';
import {
  bodyHash,
  createContextSigner,
  createContextVerifier,
} from '../../contracts/subgraph-context';
import { CONTEXT_ISSUER, contextClaimsSchema } from '../../contracts/subgraph-context/claims';
import { ed25519Signer, ed25519Verifier } from '../../contracts/subgraph-context/ed25519';
import { packPolicyRules } from '../../policies';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '4000' },
    rounds: { type: 'string', default: '7' },
    out: { type: 'string' },
  },
});
const calls = Number(values.calls);
const rounds = Number(values.rounds);
if (!Number.isInteger(calls) || calls < 1 || !Number.isInteger(rounds) || rounds < 1) {
  throw new Error('--calls and --rounds must be whole numbers of at least 1.');
}

const SUBGRAPH = 'market-regulation';
const keys = generateKeyPairSync('ed25519');
const sign = createContextSigner({ privateKey: keys.privateKey });
const body = JSON.stringify({
  query: 'query($uscc: ID!) { enterprise(uscc: $uscc) { name status legalRepresentative { id } } }',
  variables: { uscc: '91510104MA61234567' },
});
const claims = {
  consumer: {
    kind: 'official' as const,
    id: 'bench-inspector',
    department: 'market-regulation',
    role: 'inspector',
    jurisdiction: '510104',
    application: null,
    personId: null,
  },
  purpose: 'market-supervision',
  caseNumber: null,
  requestId: 'bench',
  rules: packPolicyRules([
    { action: 'read', subject: 'Enterprise', fields: ['name', 'status', 'legalRepresentative'] },
    { action: 'read', subject: 'Enterprise', conditions: { districtCode: '510104' } },
  ]),
  borrowedRules: packPolicyRules([{ action: 'read', subject: 'Person', fields: ['id'] }]),
  revision: 3,
};

/** The department's check as jose did it: the same claims, schema, body hash and replay set. */
function joseVerifier() {
  const seen = new Set<string>();
  return async (token: string) => {
    const { payload } = await jwtVerify(token, keys.publicKey, {
      issuer: CONTEXT_ISSUER,
      audience: SUBGRAPH,
      algorithms: ['EdDSA'],
      requiredClaims: ['exp', 'jti', 'iat'],
    });
    const parsed = contextClaimsSchema.parse(payload);
    if (parsed.bodyHash !== bodyHash(body) || seen.has(payload.jti!)) throw new Error('refused');
    seen.add(payload.jti!);
  };
}

async function cpuPerCall(run: (i: number) => unknown): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i += 1) await run(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const tokens = await Promise.all(
    Array.from({ length: calls }, () => sign(SUBGRAPH, claims, body)),
  );
  const parts = tokens.map((token) => {
    const [header, payload, signature] = token.split('.');
    return {
      message: Buffer.from(`${header}.${payload}`),
      signature: Buffer.from(signature!, 'base64url'),
    };
  });
  const sodiumSign = ed25519Signer(keys.privateKey);
  const sodiumVerify = ed25519Verifier(keys.publicKey);
  // Each round gets fresh verifiers: the replay memory must not refuse the same tokens again.
  const cases: [string, () => (i: number) => unknown][] = [
    [
      'gateway: sign a context (sign.ts: claims, body hash, libsodium Ed25519)',
      () => () => sign(SUBGRAPH, claims, body),
    ],
    [
      'Ed25519 signature alone, libsodium (sodium-native)',
      () => (i) => sodiumSign(parts[i]!.message),
    ],
    [
      'Ed25519 signature alone, OpenSSL (node:crypto)',
      () => (i) => nodeSign(null, parts[i]!.message, keys.privateKey),
    ],
    [
      'department: check a context (verify.ts: libsodium Ed25519, claims, schema, body hash, replay)',
      () => {
        const verify = createContextVerifier({ publicKey: keys.publicKey, subgraph: SUBGRAPH });
        return (i) => verify(tokens[i], body);
      },
    ],
    [
      'department: the same check through jose jwtVerify (WebCrypto)',
      () => {
        const jose = joseVerifier();
        return (i) => jose(tokens[i]!);
      },
    ],
    [
      'Ed25519 verification alone, libsodium (sodium-native)',
      () => (i) => sodiumVerify(parts[i]!.message, parts[i]!.signature),
    ],
    [
      'Ed25519 verification alone, OpenSSL (node:crypto)',
      () => (i) => nodeVerify(null, parts[i]!.message, keys.publicKey, parts[i]!.signature),
    ],
  ];
  for (const [, make] of cases) await cpuPerCall(make()); // warm-up
  const results = cases.map((): number[] => []);
  for (let round = 0; round < rounds; round += 1) {
    // Alternating order, so no case is always measured first.
    const order = cases.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) results[i]!.push(await cpuPerCall(cases[i]![1]()));
  }
  const table = [
    `# Signed subgraph context: CPU per call (${new Date().toISOString()})`,
    '',
    `\`node --import tsx bench/context/cost.ts --calls ${calls} --rounds ${rounds}\`, Node ${process.version}, OpenSSL ${process.versions.openssl}; medians of ${rounds} rounds of ${calls} calls, µs of process CPU per call (min–max).`,
    '',
    '| step | µs per call |',
    '| --- | --: |',
    ...cases.map(([name], i) => {
      const xs = results[i]!;
      return `| ${name} | ${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}) |`;
    }),
    '',
  ].join('\n');
  console.log(table);
  if (values.out) writeFileSync(values.out, table);
}

void main();
