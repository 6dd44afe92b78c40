import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { digestStream, isDigest, parseDigest, sha256Digest } from '../src/index.js';

describe('sha256Digest', () => {
  it.each([
    ['', 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    // Whitespace matters: registries hash the exact bytes, not the JSON value.
    ['{"a":1}', 'sha256:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862'],
    ['{ "a": 1 }', 'sha256:efc6fbbe835f02996e070d9b3f37ffc4153f8ed11590fbf555bff7021d271fe9'],
  ])('hashes %j', (input, expected) => {
    expect(sha256Digest(input)).toBe(expected);
    expect(sha256Digest(Buffer.from(input))).toBe(expected);
  });

  it('matches the streaming digest over many chunks', async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(1000, i));
    const streamed = await digestStream(Readable.from(chunks));
    expect(streamed).toEqual({ digest: sha256Digest(Buffer.concat(chunks)), size: 50_000 });
  });
});

describe('isDigest / parseDigest', () => {
  it.each([
    ['sha256:' + 'a'.repeat(64), true],
    ['sha256:' + 'A'.repeat(64), false],
    ['sha256:' + 'a'.repeat(63), false],
    ['sha512:' + 'a'.repeat(64), false],
    ['a'.repeat(64), false],
    ['', false],
    ['sha256:' + 'g'.repeat(64), false],
  ])('%s → %s', (value, ok) => {
    expect(isDigest(value)).toBe(ok);
    if (ok) expect(parseDigest(value)).toBe(value);
    else expect(() => parseDigest(value)).toThrow(/not a sha256 digest/);
  });
});
