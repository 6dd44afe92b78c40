/**
 * Blowfish's initial P-array and S-boxes are the fractional hex digits of pi. Computing them
 * (Machin's formula in BigInt fixed point, ~30 ms once) replaces a 4 KiB constant table.
 */
function arctanInverse(x: bigint, one: bigint): bigint {
  let sum = 0n;
  let term = one / x;
  const x2 = x * x;
  for (let k = 0n; term !== 0n; k++) {
    sum += (k % 2n === 0n ? term : -term) / (2n * k + 1n);
    term /= x2;
  }
  return sum;
}

let cached: Uint32Array | undefined;

/** The first `count` 32-bit words of pi's fractional part (count ≤ 1042 is all bcrypt needs). */
export function piFractionWords(count: number): Uint32Array {
  if (cached !== undefined && cached.length >= count) return cached.subarray(0, count);
  const guard = 64n;
  const bits = BigInt(count) * 32n + guard;
  const one = 1n << bits;
  const pi = 16n * arctanInverse(5n, one) - 4n * arctanInverse(239n, one);
  const fraction = (pi - 3n * one) >> guard; // drop the guard bits, keep count*32 bits
  const words = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    words[i] = Number((fraction >> (BigInt(count - 1 - i) * 32n)) & 0xffffffffn);
  }
  cached = words;
  return words;
}
