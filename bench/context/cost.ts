/**
 * What a signed subgraph context costs each side, per call: the gateway's signature
 * (contracts/subgraph-context/sign.ts) and the department's whole check (verify.ts: signature,
 * registered claims, the claims' schema, body hash, replay memory), beside the same check done
 * by jose's `jwtVerify` (WebCrypto), which the departments used before. Contexts carry the
 * rules the gateway signs for the enterprise lookup's department. CPU by process.cpuUsage,
 * alternating rounds, medians; no database, no network.
 *
 *   node --import tsx bench/context/cost.ts [--calls 4000] [--rounds 7] [--out FILE]
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { jwtVerify } from 'jose';
import {
  bodyHash,
  createContextSigner,
  createContextVerifier,
} from '../../contracts/subgraph-context';
import { CONTEXT_ISSUER, contextClaimsSchema } from '../../contracts/subgraph-context/claims';
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

async function cpuPerCall(run: (i: number) => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i += 1) await run(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const results = { sign: [] as number[], verify: [] as number[], jose: [] as number[] };
  // Warm both paths up before the first measured round.
  const warm = await Promise.all(Array.from({ length: 500 }, () => sign(SUBGRAPH, claims, body)));
  const verifyWarm = createContextVerifier({ publicKey: keys.publicKey, subgraph: SUBGRAPH });
  const joseWarm = joseVerifier();
  for (const token of warm) {
    await verifyWarm(token, body);
    await joseWarm(token);
  }
  for (let round = 0; round < rounds; round += 1) {
    const tokens: string[] = [];
    results.sign.push(
      await cpuPerCall(async () => tokens.push(await sign(SUBGRAPH, claims, body))),
    );
    const verify = createContextVerifier({ publicKey: keys.publicKey, subgraph: SUBGRAPH });
    const jose = joseVerifier();
    const order = round % 2 === 0 ? (['verify', 'jose'] as const) : (['jose', 'verify'] as const);
    for (const which of order) {
      results[which].push(
        await cpuPerCall((i) => (which === 'verify' ? verify(tokens[i], body) : jose(tokens[i]!))),
      );
    }
  }
  const table = [
    `# Signed subgraph context: CPU per call (${new Date().toISOString()})`,
    '',
    `\`node --import tsx bench/context/cost.ts --calls ${calls} --rounds ${rounds}\`, Node ${process.version}; medians of ${rounds} rounds of ${calls} calls, µs of process CPU per call (min–max).`,
    '',
    '| step | µs per call |',
    '| --- | --: |',
    ...(
      [
        ['gateway: sign (node:crypto Ed25519)', results.sign],
        [
          'department: verify.ts (node:crypto Ed25519, claims, schema, body hash, replay)',
          results.verify,
        ],
        ['department: the same check through jose jwtVerify (WebCrypto)', results.jose],
      ] as const
    ).map(
      ([name, xs]) =>
        `| ${name} | ${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}) |`,
    ),
    '',
  ].join('\n');
  console.log(table);
  if (values.out) writeFileSync(values.out, table);
}

void main();
