// The few libsodium bindings the subgraph contexts use (sodium-native ships no types).
declare module 'sodium-native' {
  export const crypto_sign_BYTES: number;
  export const crypto_sign_PUBLICKEYBYTES: number;
  export const crypto_sign_SECRETKEYBYTES: number;
  export function crypto_sign_detached(signature: Buffer, message: Buffer, secretKey: Buffer): void;
  export function crypto_sign_verify_detached(
    signature: Buffer,
    message: Buffer,
    publicKey: Buffer,
  ): boolean;
  export function sodium_malloc(size: number): Buffer;
  export function sodium_memzero(buffer: Buffer): void;
}
