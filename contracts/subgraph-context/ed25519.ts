import type { KeyObject } from 'node:crypto';
import sodium from 'sodium-native';

/**
 * Ed25519 for the subgraph contexts through libsodium (`sodium-native`, prebuilt for Linux,
 * macOS and Windows inside its npm package): a department verifies one context per call and
 * the gateway signs one, and on this project's machines libsodium verifies in half the CPU of
 * OpenSSL 3.0 through node:crypto and signs in about 55 % (`bench/context/cost.ts`). The
 * signatures are the same bytes either way (RFC 8032: deterministic), so either side can
 * check the other; libsodium's verify is the stricter (it refuses non-canonical signatures
 * and small-order keys). Keys stay node:crypto KeyObjects everywhere else.
 */
export function ed25519Signer(privateKey: KeyObject): (message: Buffer) => Buffer {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError('The context signing key must be an Ed25519 private key.');
  }
  const jwk = privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d!, 'base64url');
  const publicKey = Buffer.from(jwk.x!, 'base64url');
  // libsodium's secret key is the seed and the public key, in memory it guards.
  const secret = sodium.sodium_malloc(sodium.crypto_sign_SECRETKEYBYTES);
  seed.copy(secret, 0);
  publicKey.copy(secret, seed.length);
  sodium.sodium_memzero(seed);
  return (message) => {
    const signature = Buffer.allocUnsafe(sodium.crypto_sign_BYTES);
    sodium.crypto_sign_detached(signature, message, secret);
    return signature;
  };
}

/** Whether `signature` is `publicKey`'s Ed25519 signature of `message`; false for any malformed one. */
export function ed25519Verifier(
  publicKey: KeyObject,
): (message: Buffer, signature: Buffer) => boolean {
  if (publicKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError('The context key must be an Ed25519 public key.');
  }
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  if (raw.length !== sodium.crypto_sign_PUBLICKEYBYTES) {
    throw new TypeError('The context key is not a 32-byte Ed25519 public key.');
  }
  return (message, signature) =>
    signature.length === sodium.crypto_sign_BYTES &&
    sodium.crypto_sign_verify_detached(signature, message, raw);
}
