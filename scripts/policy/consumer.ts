import { consumerFromClaims } from '../../gateway/identity/claims';
import {
  ANONYMOUS_CONSUMER,
  createTokenVerifier,
  DEMO_CONSUMERS,
  demoClaims,
  DEV_AUDIENCE,
  DEV_ISSUER,
  ensureDevKeys,
  isDemoConsumer,
  loadVerificationKeys,
  type Consumer,
} from '../../gateway/identity';
import { UsageError } from './command';

/** How `explain` was told who is asking. */
export interface IdentityOptions {
  as?: string;
  person?: string;
  token?: string;
  jwks?: string;
  issuer?: string;
  audience?: string;
}

/** The help lines of the identity options. */
export const IDENTITY_USAGE = `  --as <consumer>      a demo consumer: ${Object.keys(DEMO_CONSUMERS).join(', ')}, anonymous;
                       or token claims as JSON, e.g. '{"kind":"official","dept":"tax","role":"officer"}'
  --person <id>        the Person.id a demo citizen stands for (with --as citizen)
  --token <jwt>        a bearer token instead of --as, verified with the dev keys (.data/keys)
  --jwks <file>        verify --token with this JWKS file instead (needs --issuer and --audience)
  --issuer <iss>       the issuer --token must carry; default: ${DEV_ISSUER}
  --audience <aud>     the audience --token must carry; default: ${DEV_AUDIENCE}`;

/** The consumer asking, and the purpose it usually states when it is a demo consumer. */
export interface Asker {
  consumer: Consumer;
  typicalPurpose: string | null;
}

/** Resolves --as or --token to a consumer. Messages never repeat a token or a claim value. */
export async function resolveAsker(options: IdentityOptions): Promise<Asker> {
  if ((options.as === undefined) === (options.token === undefined)) {
    throw new UsageError('Say who is asking: --as <demo consumer | claims JSON> or --token <jwt>.');
  }
  if (options.person !== undefined && options.as !== 'citizen') {
    throw new UsageError('--person applies to --as citizen only.');
  }
  if (options.token !== undefined)
    return { consumer: await verify(options.token, options), typicalPurpose: null };
  const as = options.as!;
  if (as === 'anonymous') return { consumer: ANONYMOUS_CONSUMER, typicalPurpose: null };
  if (isDemoConsumer(as)) {
    return {
      consumer: consumerFromClaims(demoClaims(as, options.person)),
      typicalPurpose: DEMO_CONSUMERS[as].purpose,
    };
  }
  if (as.trimStart().startsWith('{')) return { consumer: fromClaimsJson(as), typicalPurpose: null };
  // Echo only what looks like a mistyped name, never what could be a token.
  const shown = /^[a-z-]{1,32}$/.test(as) ? `'${as}' is not` : '--as is neither';
  throw new UsageError(
    `${shown} a demo consumer (${Object.keys(DEMO_CONSUMERS).join(', ')}, anonymous) nor token claims as a JSON object.`,
  );
}

function fromClaimsJson(json: string): Consumer {
  let claims: unknown;
  try {
    claims = JSON.parse(json);
  } catch {
    throw new UsageError('--as looks like JSON but cannot be parsed (its text is not shown).');
  }
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) {
    throw new UsageError('--as must be a JSON object of token claims.');
  }
  return consumerFromClaims({ sub: 'policy-cli', ...claims });
}

async function verify(token: string, options: IdentityOptions): Promise<Consumer> {
  if (options.jwks !== undefined && (!options.issuer || !options.audience)) {
    throw new UsageError(
      '--jwks needs --issuer and --audience: the values the identity provider puts in its tokens.',
    );
  }
  const keys = await loadVerificationKeys(
    options.jwks !== undefined
      ? { kind: 'jwks-file', path: options.jwks }
      : { kind: 'jwks', jwks: (await ensureDevKeys()).jwks },
  );
  const verifier = createTokenVerifier({
    keys,
    issuer: options.issuer ?? DEV_ISSUER,
    audience: options.audience ?? DEV_AUDIENCE,
  });
  return verifier(`Bearer ${token}`);
}
