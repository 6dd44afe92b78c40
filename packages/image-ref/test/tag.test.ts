import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '@ecs-deploy/test-support/random';
import { fitTag, isValidTag, sanitizeTag, shortHash, type TagPart } from '../src/index.js';

const SHA = '10683f6edf72a951e1057f6f3bb713373cf08333';
const cut = (text: string): TagPart => ({ text, shortenable: true });
const keep = (text: string): TagPart => ({ text, shortenable: false });

const ALPHABET = [
  'a',
  'b',
  'c',
  'X',
  'Y',
  'Z',
  '0',
  '1',
  '9',
  '_',
  '.',
  '-',
  '/',
  ' ',
  '@',
  'é',
  'ü',
  '日本',
  '🚀',
  '\u00a0',
];
function text(next: () => number, max: number): string {
  const length = Math.floor(next() * max);
  return Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
}

describe('fitTag', () => {
  it.each<[string, TagPart[], string, number]>([
    [
      'short parts are joined and sanitised',
      [cut('feature/x'), keep('-'), keep(SHA)],
      `feature-x-${SHA}`,
      0,
    ],
    [
      'exactly 128 is not cut',
      [cut('e'.repeat(87)), keep('-'), keep(SHA)],
      `${'e'.repeat(87)}-${SHA}`,
      0,
    ],
    [
      '129 cuts the variable part, not the commit',
      [cut('e'.repeat(88)), keep('-'), keep(SHA)],
      `${'e'.repeat(78)}-${shortHash('e'.repeat(88))}-${SHA}`,
      1,
    ],
    [
      'the commit first: the part after it is cut',
      [keep(SHA), keep('-'), cut('b'.repeat(100))],
      `${SHA}-${'b'.repeat(78)}-${shortHash('b'.repeat(100))}`,
      1,
    ],
    [
      'the longest part is cut first',
      [cut('e'.repeat(20)), keep('-'), cut('b'.repeat(100)), keep('-'), keep(SHA)],
      `${'e'.repeat(20)}-${'b'.repeat(57)}-${shortHash('b'.repeat(100))}-${SHA}`,
      1,
    ],
    [
      'two long parts are cut to the same length',
      [cut('e'.repeat(100)), keep('-'), cut('b'.repeat(100)), keep('-'), keep(SHA)],
      `${'e'.repeat(34)}-${shortHash('e'.repeat(100))}-${'b'.repeat(34)}-${shortHash('b'.repeat(100))}-${SHA}`,
      2,
    ],
  ])('%s', (_name, parts, tag, shortened) => {
    const fitted = fitTag(parts);
    expect(fitted?.tag).toBe(tag);
    expect(fitted?.shortened).toHaveLength(shortened);
    expect(isValidTag(tag)).toBe(true);
  });

  it.each<[string, TagPart[]]>([
    ['literal text and commit over 128', [keep('r'.repeat(89)), keep(SHA)]],
    ['no room for even the hash', [keep('r'.repeat(81)), cut('b'.repeat(50)), keep(SHA)]],
    ['nothing shortenable', [keep('x'.repeat(129))]],
  ])('refuses %s', (_name, parts) => {
    expect(fitTag(parts)).toBeUndefined();
  });

  it('holds for generated parts: valid, commit whole, deterministic, distinct', () => {
    const next = seededRandom(20261203);
    for (let round = 0; round < 2000; round += 1) {
      const value = text(next, 300);
      const other = `${value}${text(next, 3) || 'z'}`;
      const sha = Array.from({ length: 40 }, () => '0123456789abcdef'[Math.floor(next() * 16)]);
      const otherSha = [...sha].reverse().join('');
      const commitFirst = next() < 0.5;
      const parts = (v: string, commit: string): TagPart[] =>
        commitFirst ? [keep(commit), keep('-'), cut(v)] : [cut(v), keep('-'), keep(commit)];
      const fitted = fitTag(parts(value, sha.join('')));
      const tag = fitted?.tag ?? '';
      const seen = {
        value,
        valid: isValidTag(tag),
        commit: tag.includes(sha.join('')),
        again: fitTag(parts(value, sha.join('')))?.tag === tag,
        otherCommit: otherSha === sha.join('') || fitTag(parts(value, otherSha))?.tag !== tag,
        otherValue:
          fitted?.shortened.length === 0 || fitTag(parts(other, sha.join('')))?.tag !== tag,
      };
      expect(seen).toEqual({
        value,
        valid: true,
        commit: true,
        again: true,
        otherCommit: true,
        otherValue: true,
      });
    }
  });
});

describe('sanitizeTag', () => {
  it.each([
    ['feature/Login Page', 'feature-Login-Page'],
    ['ü', ''],
    ['x'.repeat(128), 'x'.repeat(128)],
    ['x'.repeat(200), `${'x'.repeat(119)}-${shortHash('x'.repeat(200))}`],
  ])('%s → %s', (value, expected) => {
    expect(sanitizeTag(value)).toBe(expected);
  });

  it('keeps two long values that share their first 128 characters apart', () => {
    const head = 'release-'.repeat(20);
    expect(sanitizeTag(`${head}a`)).not.toBe(sanitizeTag(`${head}b`));
    expect(sanitizeTag(`${head}a`)).toHaveLength(128);
  });
});

describe('shortHash', () => {
  it('is 8 lower-case letters, the same for the same text', () => {
    expect(shortHash('feature/x')).toMatch(/^[a-z]{8}$/);
    expect(shortHash('feature/x')).toBe(shortHash('feature/x'));
    expect(shortHash('feature/x')).not.toBe(shortHash('feature-x'));
  });
});
