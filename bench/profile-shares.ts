import { readFileSync } from 'node:fs';

/**
 * `npx tsx bench/profile-shares.ts <file.cpuprofile> [gateway CPU ms/req]`: where a gateway's
 * CPU went in a profile from `npm run bench -- --cpu-prof DIR`, as shares of its busy samples
 * (and ms per request when the bench's gateway CPU per request is given). Each sample counts
 * once: for the access record or the context signature when either is anywhere on its stack,
 * for JSON when that is the sampled function, else for the innermost frame a concern claims.
 */

interface CallFrame {
  functionName: string;
  url: string;
}
interface Profile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Concerns claimed by any frame of the stack, first match wins. */
const WHOLE: [string, RegExp][] = [
  [
    'the access record (chain, checks, commit over pg)',
    /\/records\/|node_modules\/pg(-protocol|-pool)?\//,
  ],
  ['signing the department context (Ed25519)', /subgraph-context\/sign|crypto\/sig/],
];
/** Concerns claimed by the innermost frame that matches one. */
const INNERMOST: [string, RegExp][] = [
  ['rate limits and quotas (Redis)', /gateway\/rate\/|gateway\/redis\.ts|ioredis|gateway\/quota\//],
  ['identity (token, purpose)', /gateway\/identity\/|node_modules\/jose\//],
  [
    'policy walk (field decisions, row rules, masking)',
    /\/policies\/|gateway\/authorization\/|department-rules|gateway\/subjects|@casl/,
  ],
  [
    'limits, cost, trusted documents',
    /gateway\/limits\/|gateway\/cost\/|gateway\/documents\/|graphql-armor/,
  ],
  ['parsing', /graphql\/language\//],
  ['validation', /graphql\/validation\//],
  ['planning', /@apollo\/query-planner|@apollo\/federation-internals/],
  [
    'HTTP to the department (undici, fetcher, subgraph call)',
    /undici|gateway\/fetcher|gateway\/upstream\/|subgraph-service|RemoteGraphQLDataSource/,
  ],
  ['execution and result shaping (@apollo/gateway)', /@apollo\/gateway\/|graphql\/execution\//],
  [
    'telemetry, request id, logging',
    /gateway\/telemetry\/|@opentelemetry|pino|request-id|request-log/,
  ],
  ['context factory', /gateway\/context\.ts/],
  [
    'HTTP server and Apollo Server pipeline',
    /node:_http|_http_server|gateway\/http\/|contracts\/http\/|@apollo\/server\/|negotiator/,
  ],
];
const SOCKETS = /node:net|streams?\//;

/** Busy milliseconds per concern, and the busy total. */
export function shares(profile: Profile): { busyMs: number; concerns: Map<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const concerns = new Map<string, number>();
  let busyMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const frames: CallFrame[] = [];
    for (let n = byId.get(id); n; n = byId.get(parent.get(n.id) ?? -1)) frames.push(n.callFrame);
    const concern = concernOf(frames);
    if (concern === null) return;
    busyMs += ms;
    concerns.set(concern, (concerns.get(concern) ?? 0) + ms);
  });
  return { busyMs, concerns };
}

function concernOf(frames: readonly CallFrame[]): string | null {
  const leaf = frames[0]!;
  const text = (f: CallFrame) => `${f.url} ${f.functionName}`;
  if (leaf.functionName === '(idle)') return null;
  if (leaf.functionName === '(garbage collector)') return 'garbage collection';
  if (leaf.functionName === '(program)') return 'native, unattributed';
  for (const [concern, pattern] of WHOLE)
    if (frames.some((f) => pattern.test(text(f)))) return concern;
  if (leaf.url === '' && (leaf.functionName === 'stringify' || leaf.functionName === 'parse')) {
    return `JSON.${leaf.functionName}`;
  }
  for (const frame of frames) {
    for (const [concern, pattern] of INNERMOST) if (pattern.test(text(frame))) return concern;
  }
  // Socket writes and reads no concern above claims: the inbound connection's.
  if (frames.some((f) => SOCKETS.test(text(f)))) return 'HTTP server and Apollo Server pipeline';
  return 'event loop, promises, timers';
}

function main(): void {
  const [file, perRequest] = process.argv.slice(2);
  if (!file)
    throw new Error(
      'usage: npx tsx bench/profile-shares.ts <file.cpuprofile> [gateway CPU ms/req]',
    );
  const { busyMs, concerns } = shares(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const cpu = perRequest ? Number(perRequest) : null;
  console.log(`${busyMs.toFixed(0)} ms of busy samples`);
  console.log(`| where | share |${cpu ? ' ms/req |' : ''}\n| --- | --: |${cpu ? ' --: |' : ''}`);
  for (const [concern, ms] of [...concerns].sort((a, b) => b[1] - a[1])) {
    const share = ms / busyMs;
    console.log(
      `| ${concern} | ${(100 * share).toFixed(1)} % |${cpu ? ` ${(cpu * share).toFixed(2)} |` : ''}`,
    );
  }
}

if (require.main === module) main();
