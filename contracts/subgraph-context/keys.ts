import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makePrivateDirectory } from '../files';

/** The development context key: generated once, git-ignored, never for production. */
export const DEV_CONTEXT_KEY_PATH = join(
  __dirname,
  '..',
  '..',
  '.data',
  'keys',
  'context-private.pem',
);

export interface ContextKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** Reads the Ed25519 private key the gateway signs contexts with (PKCS8 PEM); creates the dev one if asked. */
export function loadContextKeys(path: string | undefined): ContextKeyPair {
  const file = path ?? DEV_CONTEXT_KEY_PATH;
  if (!path && !existsSync(file)) {
    makePrivateDirectory(dirname(file));
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
      flag: 'wx',
    });
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the context signing key ${file}: ${(error as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      `The context signing key ${file} must be an Ed25519 key; it is ${privateKey.asymmetricKeyType}.`,
    );
  }
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** The public key departments verify contexts with: CONTEXT_PUBLIC_KEY_FILE, or the dev key's. */
export function loadContextPublicKey(path: string | undefined): KeyObject {
  if (!path) return loadContextKeys(undefined).publicKey;
  try {
    return createPublicKey(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the context public key ${path}: ${(error as Error).message}`);
  }
}
