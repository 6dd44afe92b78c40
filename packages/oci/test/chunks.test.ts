import { describe, expect, it } from '@jest/globals';
import { contentRange, planChunks, uploadedBytes, uploadStrategy } from '../src/index.js';

describe('planChunks', () => {
  it.each([
    [0, 10, 0, []],
    [10, 10, 0, [[0, 10]]],
    [
      25,
      10,
      0,
      [
        [0, 10],
        [10, 20],
        [20, 25],
      ],
    ],
    [
      25,
      10,
      13,
      [
        [13, 23],
        [23, 25],
      ],
    ],
    [1, 1, 0, [[0, 1]]],
  ])('size %d, chunk %d, from %d', (size, chunk, from, expected) => {
    expect(planChunks(size, chunk, from).map((c) => [c.start, c.end])).toEqual(expected);
  });

  it.each([0, -1, 1.5])('rejects chunk size %d', (chunk) => {
    expect(() => planChunks(10, chunk)).toThrow(RangeError);
  });
});

describe('uploadStrategy', () => {
  it.each([
    [0, 100, 'monolithic'],
    [100, 100, 'monolithic'],
    [101, 100, 'chunked'],
  ])('%d bytes with threshold %d → %s', (size, threshold, expected) => {
    expect(uploadStrategy(size, threshold)).toBe(expected);
  });
});

describe('Content-Range and Range', () => {
  it.each([
    [{ start: 0, end: 10 }, '0-9'],
    [{ start: 10, end: 11 }, '10-10'],
  ])('%j → %s', (range, header) => {
    expect(contentRange(range)).toBe(header);
  });

  it.each([
    ['0-9', 10],
    ['0-0', 0],
    ['bytes=0-99', 100],
    [' 0-4 ', 5],
    ['5-9', undefined],
    ['garbage', undefined],
    [undefined, undefined],
  ])('Range %j → %s bytes stored', (header, bytes) => {
    expect(uploadedBytes(header)).toBe(bytes);
  });
});
