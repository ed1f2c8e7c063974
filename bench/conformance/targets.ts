import { join } from 'node:path';
import { GATEWAY_START_TIMEOUT_MS } from '../targets';
import { freePort, startNode, waitForHttp, type Child } from '../processes';
import { startHeaderProxy, type HeaderProxy } from './header-proxy';
import { CONFORMANCE_PURPOSE, writeOpenPolicies } from './open-policies';

/** stock: @apollo/gateway as shipped. ours: this gateway, every protection on, grants opening every field. */
export const CONFORMANCE_TARGETS = ['stock', 'ours'] as const;
export type ConformanceTarget = (typeof CONFORMANCE_TARGETS)[number];

/** What `ours` runs with, the same for every suite. */
export interface Credentials {
  /** A token of CONFORMANCE_CONSUMER the gateway accepts (signed by tokenPublicKeyFile's pair). */
  token: string;
  tokenPublicKeyFile: string;
  issuer: string;
  audience: string;
  /** The gateway signs subgraph contexts with it (the audit's subgraphs do not check them). */
  contextPrivateKeyFile: string;
  /** PostgreSQL the access records are committed to. */
  recordsUrl: string;
  recordStreamId: string;
}

/** A gateway over one suite's supergraph, and the URL the audit's client is pointed at. */
export interface RunningTarget {
  url: string;
  /** Why some fields cannot be opened (ours only). */
  notes: string[];
  stop(): Promise<void>;
}

/** Starts a target over the supergraph file; resolves once it answers. */
export async function startConformanceTarget(
  target: ConformanceTarget,
  supergraph: { path: string; sdl: string },
  workDir: string,
  credentials: Credentials,
): Promise<RunningTarget> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const notes: string[] = [];
  let child: Child;
  switch (target) {
    case 'stock':
      child = startNode('stock', 'bench/stock-gateway.ts', {
        env: { SUPERGRAPH_PATH: supergraph.path, GATEWAY_PORT: String(port) },
      });
      break;
    case 'ours': {
      const policies = writeOpenPolicies(join(workDir, 'policies'), supergraph.sdl);
      if (policies.unowned.length > 0)
        notes.push(`fields without an owner, denied: ${policies.unowned.join(', ')}`);
      child = startNode('ours', 'scripts/gateway.ts', {
        env: oursEnv(port, supergraph.path, policies.dir, credentials),
      });
      break;
    }
    default: {
      const never: never = target;
      throw new Error(`Unknown target ${String(never)}`);
    }
  }
  let proxy: HeaderProxy | undefined;
  const stop = async () => {
    await proxy?.close();
    await child.stop();
  };
  try {
    await waitForHttp(child, url, GATEWAY_START_TIMEOUT_MS);
    if (target === 'stock') return { url, notes, stop };
    proxy = await startHeaderProxy(url, {
      authorization: `Bearer ${credentials.token}`,
      'x-purpose': CONFORMANCE_PURPOSE,
    });
    return { url: proxy.url, notes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The production configuration, with this run's keys, policies and record store; nothing switched off. */
function oursEnv(
  port: number,
  supergraphPath: string,
  policiesDir: string,
  credentials: Credentials,
): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    BENCHMARK_DISABLE: undefined,
    ENFORCEMENT_MODE: 'reject',
    ALLOW_ANONYMOUS: 'false',
    GATEWAY_PORT: String(port),
    SUPERGRAPH_PATH: supergraphPath,
    SUBGRAPH_URLS: undefined,
    POLICIES_DIR: policiesDir,
    AUTH_JWKS_FILE: undefined,
    AUTH_JWKS_URL: undefined,
    AUTH_PUBLIC_KEY_FILE: credentials.tokenPublicKeyFile,
    AUTH_PUBLIC_KEY_ALG: 'EdDSA',
    AUTH_ISSUER: credentials.issuer,
    AUTH_AUDIENCE: credentials.audience,
    CONTEXT_PRIVATE_KEY_FILE: credentials.contextPrivateKeyFile,
    RECORDS_DATABASE_URL: credentials.recordsUrl,
    RECORD_STREAM_ID: credentials.recordStreamId,
    LOG_LEVEL: 'warn',
  };
}
