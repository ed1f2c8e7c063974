import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scratch directory with the context key pair of this run; removed at the end. */
export interface Workspace {
  dir: string;
  /** The gateway signs subgraph contexts with it (CONTEXT_PRIVATE_KEY_FILE). */
  contextPrivateKeyFile: string;
  /** The secured departments verify with it. */
  contextPublicKeyFile: string;
  remove(): void;
}

/** Creates the scratch directory and a fresh Ed25519 context key pair in it. */
export function createWorkspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'gov-bench-'));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const contextPrivateKeyFile = join(dir, 'context-private.pem');
  const contextPublicKeyFile = join(dir, 'context-public.pem');
  writeFileSync(contextPrivateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
  });
  writeFileSync(contextPublicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  return {
    dir,
    contextPrivateKeyFile,
    contextPublicKeyFile,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
