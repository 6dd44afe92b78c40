import { describe, expect, it } from '@jest/globals';
import { diffLines, unifiedDiff } from '../src/line-diff.js';

/** Length of the longest common subsequence, by the textbook table, to check minimality. */
function lcs(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    b.forEach((y, j) => {
      const above = row[j + 1] ?? 0;
      row[j + 1] = x === y ? diagonal + 1 : Math.max(above, row[j] ?? 0);
      diagonal = above;
    });
  }
  return row[b.length] ?? 0;
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('diffLines', () => {
  it('produces a minimal script that rebuilds both sides (300 random cases)', () => {
    const next = random(42);
    for (let c = 0; c < 300; c++) {
      const make = (): string[] =>
        Array.from({ length: Math.floor(next() * 12) }, () =>
          'abcd'.charAt(Math.floor(next() * 4)),
        );
      const a = make();
      const b = make();
      const edits = diffLines(a, b);
      expect(edits.filter((e) => e.op !== '+').map((e) => e.line)).toEqual(a);
      expect(edits.filter((e) => e.op !== '-').map((e) => e.line)).toEqual(b);
      expect(edits.filter((e) => e.op !== ' ')).toHaveLength(a.length + b.length - 2 * lcs(a, b));
    }
  });

  it('handles empty sides', () => {
    expect(diffLines([], [])).toEqual([]);
    expect(diffLines(['a'], [])).toEqual([{ op: '-', line: 'a' }]);
    expect(diffLines([], ['b'])).toEqual([{ op: '+', line: 'b' }]);
  });
});

describe('unifiedDiff', () => {
  const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'];

  it('writes hunks with context and diff -u line ranges', () => {
    const b = a.map((l) => (l === '2' ? 'two' : l === '11' ? 'eleven' : l));
    expect(unifiedDiff(a, b, ['a', 'b'], 2)).toBe(
      [
        '--- a',
        '+++ b',
        '@@ -1,4 +1,4 @@',
        ' 1',
        '-2',
        '+two',
        ' 3',
        ' 4',
        '@@ -9,4 +9,4 @@',
        ' 9',
        ' 10',
        '-11',
        '+eleven',
        ' 12',
        '',
      ].join('\n'),
    );
  });

  it('merges changes closer than two contexts into one hunk, and names the line before an empty range', () => {
    const b = a.filter((l) => l !== '5' && l !== '8');
    expect(unifiedDiff(a, b, ['a', 'b'], 1).split('\n')[2]).toBe('@@ -4,6 +4,4 @@');
    expect(unifiedDiff([], ['x'], ['a', 'b'], 3).split('\n')[2]).toBe('@@ -0,0 +1,1 @@');
  });

  it('is empty for equal input', () => {
    expect(unifiedDiff(a, [...a], ['a', 'b'])).toBe('');
  });
});
