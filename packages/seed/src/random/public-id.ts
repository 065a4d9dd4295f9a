/**
 * Public ids of generated households: the same alphabet and length as the domain's random
 * `newPublicId()`, but derived from the household's row id through a fixed bijection, so they
 * are deterministic and never collide with each other.
 */
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const LENGTH = 10;
const MASK48 = (1n << 48n) - 1n;
const MULTIPLIER = 0x5deece66dn * 2n + 1n; // odd, so invertible modulo 2^48
const XOR_KEY = 0x9e3779b97f4an & MASK48;

/** A bijection of [0, 2^48): multiply by an odd constant, xor, rotate. */
function scramble(value: bigint): bigint {
  let x = (value * MULTIPLIER) & MASK48;
  x ^= XOR_KEY;
  x = ((x << 17n) | (x >> 31n)) & MASK48;
  return (x * MULTIPLIER) & MASK48;
}

export function syntheticPublicId(householdId: number): string {
  let x = scramble(BigInt(householdId));
  const base = BigInt(ALPHABET.length);
  let text = '';
  for (let i = 0; i < LENGTH; i++) {
    text += ALPHABET[Number(x % base)];
    x /= base;
  }
  return text;
}
