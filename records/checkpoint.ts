import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { canonicalJson } from './record';
import { makePrivateDirectory } from '../contracts/files';

/**
 * A stream's head as the gateway committed it, signed with a key the database never holds:
 * whoever rewrites or cuts the table cannot make the head agree with it again.
 */
export interface Checkpoint {
  /** The records store (its store_identity) the stream lives in. */
  storeId: string;
  streamId: string;
  seq: number;
  hash: string;
  /** ISO time of signing. */
  signedAt: string;
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  keyId: string;
  /** Ed25519 over the canonical JSON of the other fields, base64url. */
  signature: string;
}

/** The key checkpoints are signed with (private) or checked with (public only). */
export interface CheckpointKey {
  keyId: string;
  publicKey: KeyObject;
  privateKey?: KeyObject;
}

function signedText(c: Omit<Checkpoint, 'signature' | 'keyId'> & { keyId: string }): Buffer {
  const { storeId, streamId, seq, hash, signedAt, keyId } = c;
  return Buffer.from(canonicalJson({ v: 1, storeId, streamId, seq, hash, signedAt, keyId }));
}

/** Ed25519 over `text` with the key's private half, base64url. */
export function signText(key: CheckpointKey, text: Buffer): string {
  if (!key.privateKey)
    throw new Error('This checkpoint key has no private half: it can only verify.');
  return sign(null, text, key.privateKey).toString('base64url');
}

/** True when `signature` (base64url) is the key's Ed25519 signature of `text`. */
export function textSigned(key: CheckpointKey, text: Buffer, signature: string): boolean {
  try {
    return verify(null, text, key.publicKey, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/** Signs a stream's head. */
export function signCheckpoint(
  key: CheckpointKey,
  head: { storeId: string; streamId: string; seq: number; hash: string },
  signedAt = new Date(),
): Checkpoint {
  const unsigned = { ...head, signedAt: signedAt.toISOString(), keyId: key.keyId };
  return { ...unsigned, signature: signText(key, signedText(unsigned)) };
}

/** True when the checkpoint was signed by this key and not changed since. */
export function checkpointSigned(key: CheckpointKey, checkpoint: Checkpoint): boolean {
  if (checkpoint.keyId !== key.keyId) return false;
  return textSigned(key, signedText(checkpoint), checkpoint.signature);
}

/**
 * The checkpoint key in `path`: a PKCS#8 private key (to sign and verify) or an SPKI public
 * key (to verify only). With `create`, a missing file gets a fresh Ed25519 key (mode 0600).
 */
export function loadCheckpointKey(path: string, options: { create?: boolean } = {}): CheckpointKey {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !options.create) throw error;
    makePrivateDirectory(dirname(path));
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, pem, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, path);
  }
  const privateKey = pem.includes('PRIVATE KEY') ? createPrivateKey(pem) : undefined;
  const publicKey = privateKey ? createPublicKey(privateKey) : createPublicKey(pem);
  if (publicKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`The checkpoint key in ${path} is not an Ed25519 key.`);
  }
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const keyId = createHash('sha256').update(der).digest('hex').slice(0, 16);
  return { keyId, publicKey, ...(privateKey && { privateKey }) };
}
