import { bucket } from './bucketing.js';
import { murmur3 } from './murmur3.js';

// Reference vectors of MurmurHash3_x86_32 (Appleby's SMHasher verification values and widely published
// vectors); the UTF-8 row pins the encoding, not just the arithmetic.
const vectors: [input: string, seed: number, hash: number][] = [
  ['', 0, 0],
  ['', 1, 0x514e28b7],
  ['', 0xffffffff, 0x81f16f39],
  ['\0\0\0\0', 0, 0x2362f9de],
  ['hello', 0, 0x248bfa47],
  ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
  ['a', 0x9747b28c, 0x7fa09ea6],
  ['aa', 0x9747b28c, 0x5d211726],
  ['abc', 0x9747b28c, 0xc84a62dd],
  ['abcd', 0x9747b28c, 0xf0478627],
  ['aaaa', 0x9747b28c, 0x5a97808a],
  ['Hello, world!', 0x9747b28c, 0x24884cba],
  ['ππππππππ', 0x9747b28c, 0xd58063c1],
];

describe('murmur3', () => {
  test.each(vectors)('hashes %j with seed %d to the reference value', (input, seed, hash) => {
    expect(murmur3(input, seed)).toBe(hash);
  });

  test('defaults the seed to 0', () => {
    expect(murmur3('hello')).toBe(613153351);
  });

  test('encodes a lone surrogate as U+FFFD, like TextEncoder', () => {
    expect(murmur3('\ud800')).toBe(murmur3('\ufffd'));
  });

  test('hashes astral characters from their UTF-8 bytes', () => {
    expect(murmur3('🚀')).not.toBe(murmur3('\ud83d'));
  });
});

describe('bucket', () => {
  const keys = Array.from({ length: 2000 }, (_, i) => `user-${i}`);

  test('featuresignals is the vexil formula when vexil has no seed', () => {
    for (const key of keys) expect(bucket('featuresignals', 'flag', key)).toBe(bucket('vexil', 'flag', key));
  });

  test('every scheme stays within 0..9999', () => {
    for (const scheme of ['vexil', 'featuresignals', 'featureflags', 'flagify'] as const) {
      for (const key of keys) {
        const b = bucket(scheme, 'flag', key);
        expect(Number.isInteger(b) && b >= 0 && b < 10_000).toBe(true);
      }
    }
  });

  test('flagify buckets are whole percentages in basis points', () => {
    for (const key of keys) expect(bucket('flagify', 'flag', key) % 100).toBe(0);
  });

  test('featureflags hashes flag key and value with no separator', () => {
    expect(bucket('featureflags', 'ab', 'c')).toBe(bucket('featureflags', 'a', 'bc'));
  });

  test('schemes that take no seed ignore it', () => {
    expect(bucket('featuresignals', 'f', 'u', 'x')).toBe(bucket('featuresignals', 'f', 'u'));
    expect(bucket('flagify', 'f', 'u', 'x')).toBe(bucket('flagify', 'f', 'u'));
  });

  test('an empty vexil seed means no seed', () => {
    expect(bucket('vexil', 'f', 'u', '')).toBe(bucket('vexil', 'f', 'u'));
  });
});
