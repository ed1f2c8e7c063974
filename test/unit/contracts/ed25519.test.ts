import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { ed25519Signer, ed25519Verifier } from '../../../contracts/subgraph-context/ed25519';

// The subgraph contexts' Ed25519 (libsodium) against OpenSSL's through node:crypto: the same
// signatures (RFC 8032 is deterministic), each side checking the other's, and every altered
// or malformed signature refused.
const keys = generateKeyPairSync('ed25519');
const message = Buffer.from('eyJhbGciOiJFZERTQSJ9.eyJhdWQiOiJ0YXgifQ');
const signWithSodium = ed25519Signer(keys.privateKey);
const verifyWithSodium = ed25519Verifier(keys.publicKey);
// The group order L (RFC 8032), little-endian: S + L is the same point, not a canonical S.
const L = Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex');

function addL(signature: Buffer): Buffer {
  const out = Buffer.from(signature);
  let carry = 0;
  for (let i = 0; i < 32; i++) {
    const sum = out[32 + i]! + L[i]! + carry;
    out[32 + i] = sum & 0xff;
    carry = sum >> 8;
  }
  return out;
}

describe('Ed25519 of the subgraph contexts', () => {
  it('signs the same bytes as OpenSSL, and each verifies the other', () => {
    const ours = signWithSodium(message);
    expect(ours.equals(sign(null, message, keys.privateKey))).toBe(true);
    expect(verify(null, message, keys.publicKey, ours)).toBe(true);
    expect(verifyWithSodium(message, sign(null, message, keys.privateKey))).toBe(true);
  });

  it.each<[string, (signature: Buffer) => [Buffer, Buffer]]>([
    [
      'a bit flipped in the signature',
      (s) => [message, Buffer.from(s.map((b, i) => (i === 5 ? b ^ 1 : b)))],
    ],
    [
      'a bit flipped in the message',
      (s) => [Buffer.from(message.map((b, i) => (i === 3 ? b ^ 1 : b))), s],
    ],
    ['a signature cut short', (s) => [message, s.subarray(0, 63)]],
    ['a signature too long', (s) => [message, Buffer.concat([s, Buffer.alloc(1)])]],
    ['an empty signature', () => [message, Buffer.alloc(0)]],
    ['all zeros', () => [message, Buffer.alloc(64)]],
    ['a non-canonical S (S + L)', (s) => [message, addL(s)]],
  ])('refuses %s', (_how, alter) => {
    const [altered, signature] = alter(signWithSodium(message));
    expect(verifyWithSodium(altered, signature)).toBe(false);
  });

  it('refuses a signature by another key', () => {
    const stranger = generateKeyPairSync('ed25519');
    expect(verifyWithSodium(message, ed25519Signer(stranger.privateKey)(message))).toBe(false);
  });

  it('takes only Ed25519 keys', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => ed25519Signer(ec.privateKey)).toThrow('must be an Ed25519 private key');
    expect(() => ed25519Signer(keys.publicKey)).toThrow('must be an Ed25519 private key');
    expect(() => ed25519Verifier(ec.publicKey)).toThrow('must be an Ed25519 public key');
  });
});
