import { describe, expect, it } from '@jest/globals';
import { expandMatrix, instanceName } from '../src/matrix.js';
import { job, runFixture, step } from './helpers.js';

describe('expandMatrix', () => {
  it.each([
    [
      'cross product, first key slowest',
      { a: [1, 2], b: ['x', 'y'] },
      [
        { a: 1, b: 'x' },
        { a: 1, b: 'y' },
        { a: 2, b: 'x' },
        { a: 2, b: 'y' },
      ],
    ],
    [
      'exclude by partial match',
      { a: [1, 2], b: ['x', 'y'], exclude: [{ a: 2 }] },
      [
        { a: 1, b: 'x' },
        { a: 1, b: 'y' },
      ],
    ],
    [
      'include extends matching combinations',
      { a: [1, 2], include: [{ a: 1, extra: true }] },
      [{ a: 1, extra: true }, { a: 2 }],
    ],
    [
      'include adds to all when it overwrites nothing',
      { a: [1, 2], include: [{ color: 'red' }] },
      [
        { a: 1, color: 'red' },
        { a: 2, color: 'red' },
      ],
    ],
    [
      'include that fits none is appended',
      { a: [1], include: [{ a: 3, b: 'z' }] },
      [{ a: 1 }, { a: 3, b: 'z' }],
    ],
    ['include only', { include: [{ a: 1 }, { a: 2 }] }, [{ a: 1 }, { a: 2 }]],
  ])('%s', (_name, matrix, expected) => {
    expect(expandMatrix(matrix)).toEqual(expected);
  });

  it('names instances after their values', () => {
    expect(instanceName('build', { node: 24, os: 'linux' })).toBe('build (24, linux)');
  });
});

describe('matrix jobs', () => {
  it('runs each combination with matrix and strategy contexts; the last output wins', async () => {
    const result = await runFixture('matrix.yml');
    const build = job(result, 'build');
    const values = (build.instances ?? []).map((i) => step(i, 'id').outputs.value);
    expect(values).toEqual(['web-amd64-front-0/3', 'web-arm64-front-1/3', 'worker-amd64--2/3']);
    expect(build.instances?.map((i) => i.name)).toEqual([
      'build (web, amd64, front)',
      'build (web, arm64, front)',
      'build (worker, amd64)',
    ]);
    expect(build.outputs).toEqual({ last: 'worker-amd64--2/3' });
    expect(step(job(result, 'after'), 'read').outputs.last).toBe('worker-amd64--2/3');
  });

  it('cancels the remaining instances after a failure (fail-fast)', async () => {
    const result = await runFixture('matrix.yml');
    const fragile = job(result, 'fragile');
    expect(fragile.result).toBe('failure');
    expect(fragile.instances?.map((i) => i.result)).toEqual(['success', 'failure', 'cancelled']);
  });
});
