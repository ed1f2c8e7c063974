import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createPolicyEngine,
  loadPolicies,
  type Classification,
  type PolicyEngine,
  type PolicySet,
} from '../policies';
import { classificationFromSupergraph } from '../schema/classification';
import type { EnforcementMode } from './authorization/plugin';
import type { BenchmarkSwitch, GatewayConfig } from './config';
import { createContextFactory, type ContextFactory } from './context';
import {
  createTokenVerifier,
  DEV_AUDIENCE,
  DEV_ISSUER,
  DEVELOPMENT_TOKEN_SOURCE,
  ensureDevKeys,
  loadVerificationKeys,
  type KeySource,
  type VerificationKeys,
} from './identity';
import type { Logger } from './logger';
import { cachedVerifier, unverifiedTokens } from './token-cache';
import { createContextSigner, loadContextKeys, type ContextSigner } from './subgraph-context';

/** Everything the gateway enforces with: identity, purposes, policies, and the subgraph context. */
export interface Security {
  engine: PolicyEngine;
  classification: Classification;
  typesBySubgraph: ReadonlyMap<string, readonly string[]>;
  /** Per subgraph, the fields it resolves that another subgraph owns (type → fields). */
  borrowedBySubgraph: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  mode: EnforcementMode;
  /** What is switched off for a benchmark run (empty in service). */
  disabled: ReadonlySet<BenchmarkSwitch>;
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
    policies: loadPolicies(config.policiesDir),
    tokenKeys: await loadVerificationKeys(source),
    issuer,
    audience,
    allowAnonymous: config.allowAnonymous,
    maxTokenBytes: config.maxTokenBytes,
    tokenSource,
    mode: config.enforcementMode,
    contextPrivateKey: loadContextKeys(config.contextPrivateKeyFile).privateKey,
    disable: config.benchmarkDisable,
    logger,
  });
}

/** Assembles the security layer from its parts (the tests build theirs with their own keys). */
export function buildSecurity(parts: {
  supergraphSdl: string;
  policies: PolicySet;
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
  disable?: readonly BenchmarkSwitch[];
  logger: Logger;
}): Security {
  const disabled = new Set(parts.disable ?? []);
  if (disabled.size > 0)
    parts.logger.warn({ disabled: [...disabled] }, 'BENCHMARK MODE: protections switched off');
  const { classification, unlabelled, typesBySubgraph, borrowedBySubgraph } =
    classificationFromSupergraph(parts.supergraphSdl);
  if (unlabelled.length > 0) {
    parts.logger.warn(
      { count: unlabelled.length, sample: unlabelled.slice(0, 5) },
      'fields without @classify: closed unless a grant opens them',
    );
  }
  const engine = createPolicyEngine(parts.policies, classification);
  const verified = createTokenVerifier({
    keys: parts.tokenKeys,
    issuer: parts.issuer,
    audience: parts.audience,
    allowAnonymous: parts.allowAnonymous,
    maxTokenBytes: parts.maxTokenBytes,
    tokenSource: parts.tokenSource,
  });
  const verifyToken = disabled.has('identity') ? unverifiedTokens : cachedVerifier(verified);
  return {
    engine,
    classification,
    typesBySubgraph,
    borrowedBySubgraph,
    mode: parts.mode,
    disabled,
    createContext: createContextFactory({ verifyToken, purposes: engine.purposes }),
    signContext: createContextSigner({ privateKey: parts.contextPrivateKey }),
  };
}

async function tokenKeys(
  config: GatewayConfig,
  logger: Logger,
): Promise<{ source: KeySource; issuer: string; audience: string; tokenSource?: string }> {
  const { auth } = config;
  if (auth.jwksFile)
    return {
      source: { kind: 'jwks-file', path: auth.jwksFile },
      issuer: auth.issuer!,
      audience: auth.audience!,
    };
  if (auth.jwksUrl)
    return {
      source: { kind: 'jwks-url', url: auth.jwksUrl },
      issuer: auth.issuer!,
      audience: auth.audience!,
    };
  if (auth.publicKeyFile) {
    const pem = readFileSync(auth.publicKeyFile, 'utf8');
    return {
      source: { kind: 'public-key', pem, alg: auth.publicKeyAlg },
      issuer: auth.issuer!,
      audience: auth.audience!,
    };
  }
  const dev = await ensureDevKeys();
  logger.warn(
    { jwks: dev.jwksPath },
    'no AUTH_* key source set: accepting tokens signed by the development key (npm run token)',
  );
  return {
    source: { kind: 'jwks', jwks: dev.jwks },
    issuer: auth.issuer ?? DEV_ISSUER,
    audience: auth.audience ?? DEV_AUDIENCE,
    tokenSource: DEVELOPMENT_TOKEN_SOURCE,
  };
}
