import { utf8Bytes } from './utf8-bytes.js';

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/**
 * MurmurHash3 x86 32-bit over the UTF-8 bytes of `input`, as an unsigned integer. This is the hash behind
 * every product's bucketing (Go `murmur3.Sum32`, PHP `hash('murmur3a')`), so it must match them bit for bit;
 * the reference test vectors in `murmur3.test.ts` pin it.
 */
export function murmur3(input: string, seed = 0): number {
  const bytes = utf8Bytes(input);
  const length = bytes.length;
  const blocks = length & ~3;
  let h = seed >>> 0;

  for (let i = 0; i < blocks; i += 4) {
    let k = (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }

  const remaining = length & 3;
  if (remaining > 0) {
    let tail = 0;
    for (let i = remaining - 1; i >= 0; i--) tail = (tail << 8) | bytes[blocks + i]!;
    tail = Math.imul(tail, C1);
    tail = (tail << 15) | (tail >>> 17);
    tail = Math.imul(tail, C2);
    h ^= tail;
  }

  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
