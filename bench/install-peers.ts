import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PEER_PACKAGES, PEERS_DIR } from './peers';

/**
 * npm run bench:peers: installs the peer gateways (PEER_PACKAGES) and Node 22 into .data/peers
 * with npm --prefix, outside the project's dependencies. Idempotent; a few minutes the first time.
 */
function main(): void {
  mkdirSync(PEERS_DIR, { recursive: true });
  const manifest = join(PEERS_DIR, 'package.json');
  if (!existsSync(manifest)) {
    writeFileSync(manifest, `${JSON.stringify({ name: 'bench-peers', private: true }, null, 2)}\n`);
  }
  // npm on Node 20 warns EBADENGINE for Hive's Node 22 packages: they run on the Node 22 installed here.
  const result = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      PEERS_DIR,
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...PEER_PACKAGES,
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log(`Peers installed in ${PEERS_DIR}: ${PEER_PACKAGES.join(', ')}`);
}

main();
