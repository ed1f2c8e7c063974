import { loadPolicies } from '../../policies';
import { usesDevelopmentKeys, type GatewayConfig } from '../config';
import { loadExamples, type ExampleOperation } from '../examples';
import type { PageHandler } from '../http/server';
import {
  DEFAULT_TOKEN_LIFETIME_SEC,
  DEMO_CONSUMERS,
  demoClaims,
  DEV_AUDIENCE,
  DEV_ISSUER,
  ensureDevKeys,
  isDemoConsumer,
  mintToken,
  type SigningKey,
} from '../identity';
import type { LandingExample } from './page';
import { landingRoutes } from './routes';
import type { LandingSignIn } from './sign-in';

/** The consumer the page signs in as on first load (the README's first query). */
export const DEFAULT_SIGN_IN_CONSUMER = 'caseworker';

/** The landing page the config describes: examples, and sign-in by development key or by token. */
export async function landingFor(config: GatewayConfig): Promise<PageHandler> {
  const examples = loadExamples(config.examplesDir);
  const signIn = await signInFor(config, examplePerson(examples));
  return landingRoutes({ title: config.title, examples: examples.map(landingExample), signIn });
}

/**
 * Sign-in as the config allows it: the example consumers with tokens minted by the development
 * key, or (any other key source) a token and a purpose from the user. The console uses it too.
 */
export async function signInFor(config: GatewayConfig, person?: string): Promise<LandingSignIn> {
  return usesDevelopmentKeys(config)
    ? developmentSignIn(
        (await ensureDevKeys()).signingKey,
        {
          issuer: config.auth.issuer ?? DEV_ISSUER,
          audience: config.auth.audience ?? DEV_AUDIENCE,
        },
        person,
      )
    : {
        kind: 'token',
        purposes: loadPolicies(config.policiesDir).purposes.map((p) => ({
          code: p.code,
          name: `${p.name.zh} ${p.name.en}`,
        })),
      };
}

/** Development sign-in: the example consumers, their tokens minted with `signingKey`. */
export function developmentSignIn(
  signingKey: SigningKey,
  token: { issuer: string; audience: string },
  person?: string,
): Extract<LandingSignIn, { kind: 'development' }> {
  return {
    kind: 'development',
    defaultConsumer: DEFAULT_SIGN_IN_CONSUMER,
    examplePerson: person,
    consumers: Object.entries(DEMO_CONSUMERS).map(([name, c]) => ({
      name,
      description: c.description.replace(' (needs --person <id>)', ''),
      purpose: c.purpose,
      needsPerson: c.claims.kind === 'citizen',
    })),
    async mint(name, personId) {
      if (!isDemoConsumer(name)) throw new Error(`Unknown example consumer '${name}'.`);
      const expiresAt = new Date(Date.now() + DEFAULT_TOKEN_LIFETIME_SEC * 1000);
      const jwt = await mintToken(demoClaims(name, personId), { signingKey, expiresAt, ...token });
      return {
        token: jwt,
        purpose: DEMO_CONSUMERS[name].purpose,
        expiresAt: expiresAt.toISOString(),
      };
    },
  };
}

/** An example tab: its stated purpose in its headers, its token from the sign-in bar. */
export function landingExample(example: ExampleOperation): LandingExample {
  return {
    ...example,
    headers: { authorization: '', 'x-purpose': example.runAs?.purpose ?? '' },
  };
}

/** A person id the examples use, offered to the citizen sign-in. */
function examplePerson(examples: readonly ExampleOperation[]): string | undefined {
  const id = examples.map((e) => e.variables?.id).find((v) => typeof v === 'string');
  return id as string | undefined;
}
