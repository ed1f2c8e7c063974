import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT } from '../gateway/config';
import {
  DEFAULT_TOKEN_LIFETIME_SEC,
  DEMO_CONSUMERS,
  DEV_AUDIENCE,
  DEV_ISSUER,
  demoClaims,
  ensureDevKeys,
  isDemoConsumer,
  mintToken,
} from '../gateway/identity';
import { readRunningStack } from './stack/state';

const USAGE = `Usage: npm run -s token -- <consumer> [--person <id>] [--purpose <code>]
Consumers:
${Object.entries(DEMO_CONSUMERS)
  .map(([name, { description }]) => `  ${name.padEnd(11)} ${description}`)
  .join('\n')}`;

/**
 * npm run token -- <consumer>: a development bearer token on stdout (TOKEN=$(npm run -s token -- caseworker)),
 * and on stderr how to use it. Signed with the development key in .data/keys/, generated on first use.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      person: { type: 'string' },
      purpose: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [name, ...extra] = positionals;
  if (values.help) return void console.error(USAGE);
  if (name === undefined || extra.length > 0) throw new Error(`Name one consumer.\n${USAGE}`);
  if (!isDemoConsumer(name)) throw new Error(`Unknown consumer '${name}'.\n${USAGE}`);
  const consumer = DEMO_CONSUMERS[name];
  if (values.person !== undefined && consumer.claims.kind !== 'citizen') {
    throw new Error(
      `--person applies to citizen tokens only; a ${name} token stands for an official.`,
    );
  }

  const keys = await ensureDevKeys();
  const expiresAt = new Date(Date.now() + DEFAULT_TOKEN_LIFETIME_SEC * 1000);
  const token = await mintToken(demoClaims(name, values.person), {
    signingKey: keys.signingKey,
    expiresAt,
  });
  process.stdout.write(`${token}\n`);

  const running = readRunningStack();
  const base =
    running?.gatewayUrl ??
    `http://${process.env.GATEWAY_HOST ?? DEFAULT_HOST}:${process.env.GATEWAY_PORT ?? DEFAULT_PORT}`;
  const url = `${base}/graphql`;
  if (running?.developmentKeys === false) {
    console.error(
      `Warning: the running gateway (pid ${running.pid}, ${base}) has an AUTH_* key source and ` +
        'refuses development tokens; use a token from your identity provider.',
    );
  } else if (!running?.gatewayUrl) {
    console.error(`No running 'npm start' found: start it, then query ${url}.`);
  }
  const again = process.argv.slice(2).join(' ');
  console.error(
    [
      `${name}: ${consumer.description}; valid until ${expiresAt.toISOString()} (issuer ${DEV_ISSUER}, audience ${DEV_AUDIENCE}).`,
      `The gateway verifies it with ${relative(process.cwd(), keys.jwksPath)}. Use it with:`,
      `  TOKEN=$(npm run -s token -- ${again})`,
      `  curl -s ${url} -H "authorization: Bearer $TOKEN" -H "x-purpose: ${values.purpose ?? consumer.purpose}" \\`,
      `    -H 'content-type: application/json' -d '{"query":"{ __typename }"}'`,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
