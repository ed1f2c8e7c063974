import type { KeyObject } from 'node:crypto';
import { loadPolicies, type PolicySet } from '../policies';
import { openPolicyStore } from '../policy-store';
import { classificationFromSupergraph } from '../schema/classification';
import type { EnforcementMode } from './authorization/plugin';
import type { GatewayConfig } from './config';
import { createContextFactory, type ContextFactory } from './context';
import { createTokenVerifier, loadVerificationKeys, type VerificationKeys } from './identity';
import type { Logger } from './logger';
import { cachedVerifier } from './identity/token-cache';
import { checkSupergraph, supergraphHolder, type SupergraphHolder } from './generation';
import { tokenKeys } from './token-keys';
import { staticPolicyHolder, startLivePolicy, type PolicyHolder } from './live-policy';
import {
  createContextSigner,
  loadContextKeys,
  type ContextSigner,
} from '../contracts/subgraph-context';

/** Everything the gateway enforces with: identity, purposes, policies, and the subgraph context. */
export interface Security {
  /** The policy each request is pinned to at admission (`current()`), swapped as revisions go live. */
  policy: PolicyHolder;
  /** The supergraph each request is pinned to at admission (`current()`), swapped on reload. */
  supergraph: SupergraphHolder;
  mode: EnforcementMode;
  createContext: ContextFactory;
  signContext: ContextSigner;
}

/** Builds the security layer from the config and the supergraph; every failure names its setting. */
export async function createSecurity(
  config: GatewayConfig,
  supergraphSdl: string,
  logger: Logger,
): Promise<Security> {
  const { source, issuer, audience, tokenSource } = await tokenKeys(config, logger);
  return buildSecurity({
    supergraphSdl,
    policies:
      config.policySource === 'db'
        ? await livePolicyFromStore(config, supergraphSdl, logger)
        : loadPolicies(config.policiesDir),
    tokenKeys: await loadVerificationKeys(source),
    issuer,
    audience,
    allowAnonymous: config.allowAnonymous,
    maxTokenBytes: config.maxTokenBytes,
    tokenSource,
    mode: config.enforcementMode,
    contextPrivateKey: loadContextKeys(config.contextPrivateKeyFile).privateKey,
    logger,
  });
}

/** POLICY_SOURCE=db: the newest good revision of the policy store, followed live. */
async function livePolicyFromStore(
  config: GatewayConfig,
  supergraphSdl: string,
  logger: Logger,
): Promise<PolicyHolder> {
  const url = config.policyDatabaseUrl || config.recordsDatabaseUrl;
  const store = await openPolicyStore({ url });
  try {
    const live = await startLivePolicy({
      store,
      url,
      replica: config.recordStreamId,
      classification: classificationFromSupergraph(supergraphSdl).classification,
      logger,
      leaseMs: config.policyLeaseMs,
      pollMs: config.policyPollMs,
      listen: config.policyNotify === 'on',
    });
    return { ...live, close: () => live.close().finally(() => store.close()) };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Assembles the security layer from its parts (the tests build theirs with their own keys). */
export function buildSecurity(parts: {
  supergraphSdl: string;
  /** The policy files (served as revision 0), or a holder following the policy store. */
  policies: PolicySet | PolicyHolder;
  tokenKeys: VerificationKeys;
  issuer: string;
  audience: string;
  allowAnonymous: boolean;
  /** Longest Authorization header read as a token (default DEFAULT_MAX_TOKEN_BYTES). */
  maxTokenBytes?: number;
  /** Where clients get tokens, for the 'no token' refusal (see TokenVerifierOptions). */
  tokenSource?: string;
  mode: EnforcementMode;
  contextPrivateKey: KeyObject;
  logger: Logger;
}): Security {
  const supergraph = checkSupergraph(parts.supergraphSdl, parts.logger);
  const policy =
    'current' in parts.policies
      ? parts.policies
      : staticPolicyHolder(parts.policies, supergraph.classification);
  const holder = supergraphHolder(supergraph, policy);
  const verified = createTokenVerifier({
    keys: parts.tokenKeys,
    issuer: parts.issuer,
    audience: parts.audience,
    allowAnonymous: parts.allowAnonymous,
    maxTokenBytes: parts.maxTokenBytes,
    tokenSource: parts.tokenSource,
  });
  return {
    policy,
    supergraph: holder,
    mode: parts.mode,
    createContext: createContextFactory({
      verifyToken: cachedVerifier(verified),
      policy,
      supergraph: holder,
    }),
    signContext: createContextSigner({ privateKey: parts.contextPrivateKey }),
  };
}
