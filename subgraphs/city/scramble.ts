import { mix32 } from './random';

/**
 * Keyed bijections: they turn small sequential indexes into values that look random but
 * can never collide, which is how the city keeps identifiers unique without bookkeeping.
 */

const HALF = 0x100000;

/** A keyed permutation of [0, 2^40) (a four-round Feistel network on 20-bit halves). */
export function permute40(value: number, key: number): number {
  let left = Math.floor(value / HALF);
  let right = value % HALF;
  for (let round = 0; round < 4; round++) {
    const f = mix32(right ^ mix32(key + round)) & (HALF - 1);
    [left, right] = [right, left ^ f];
  }
  return left * HALF + right;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `value` (a non-negative integer below 2^53) in Crockford base32, left-padded to `width`. */
export function base32(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0 || out.length < width) {
    out = CROCKFORD[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/**
 * A permutation of [0, modulus): value -> (factor * value + offset) mod modulus. `factor` must
 * be coprime with `modulus`, and factor * modulus must stay below 2^53.
 */
export function affine(value: number, modulus: number, factor: number, offset: number): number {
  return (factor * (value % modulus) + (offset % modulus)) % modulus;
}

/** `value` as a decimal string, left-padded with zeros to `width`. */
export function digits(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * A factor for `affine` that spreads consecutive values across the whole range (near the
 * golden section of the modulus, coprime with it). The modulus must stay below 9e7.
 */
export function spreadFactor(modulus: number): number {
  let factor = Math.floor(modulus * 0.6180339887) | 1;
  while (gcd(factor, modulus) !== 1) factor += 2;
  return factor;
}

/** `width` decimal digits (at most 7) that are a keyed permutation of `value` < 10^width. */
export function scrambledDigits(value: number, width: number, key: number): string {
  const modulus = 10 ** width;
  return digits(affine(value, modulus, spreadFactor(modulus), key), width);
}
