import { createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, importPKCS8, type JSONWebKeySet, type JWK } from 'jose';
import type { SigningKey } from './mint';
import { makePrivateDirectory } from '../../contracts/files';

/** Where the development key pair lives: git-ignored, never used outside development. */
export const DEFAULT_DEV_KEYS_DIR = join(__dirname, '..', '..', '.data', 'keys');
/** File of the development private key (PKCS8 PEM, mode 0600). */
export const DEV_PRIVATE_KEY_FILE = 'private-key.pem';
/** File of the development public keys (JWKS), for the gateway's `jwks-file` key source. */
export const DEV_JWKS_FILE = 'jwks.json';

/** The development key pair: an Ed25519 key that signs demo tokens, and its public JWKS. */
export interface DevKeys {
  signingKey: SigningKey;
  jwks: JSONWebKeySet;
  privateKeyPath: string;
  jwksPath: string;
}

/** Reads the development key pair from `dir`, generating it on first use. Safe to race. */
export async function ensureDevKeys(dir: string = DEFAULT_DEV_KEYS_DIR): Promise<DevKeys> {
  makePrivateDirectory(dir);
  const privateKeyPath = join(dir, DEV_PRIVATE_KEY_FILE);
  const jwksPath = join(dir, DEV_JWKS_FILE);
  const pem = readOrCreatePrivateKey(privateKeyPath);
  const jwk = createPublicKey(pem).export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  const jwks: JSONWebKeySet = { keys: [{ ...jwk, kid, alg: 'EdDSA', use: 'sig' }] };
  replaceIfChanged(jwksPath, `${JSON.stringify(jwks, null, 2)}\n`);
  const key = await importPKCS8(pem, 'EdDSA');
  return { signingKey: { key, alg: 'EdDSA', kid }, jwks, privateKeyPath, jwksPath };
}

// The private key is the one source of truth; jwks.json is derived from it on every call.
function readOrCreatePrivateKey(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const temporary = `${path}.${randomUUID()}.tmp`;
  writeFileSync(temporary, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
    flag: 'wx',
  });
  try {
    linkSync(temporary, path); // atomic, and fails if another process got there first
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readFileSync(path, 'utf8');
}

function replaceIfChanged(path: string, content: string): void {
  try {
    if (readFileSync(path, 'utf8') === content) return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const temporary = `${path}.${randomUUID()}.tmp`;
  writeFileSync(temporary, content, { mode: 0o644 });
  renameSync(temporary, path);
}
