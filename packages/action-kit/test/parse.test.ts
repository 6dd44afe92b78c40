import { describe, expect, it } from '@jest/globals';
import {
  formatDuration,
  parseBoolean,
  parseChoice,
  parseDuration,
  parseInteger,
  parseKeyValueLines,
  parseList,
} from '../src/index.js';
import { parseStringMap, parseStructured } from '../src/structured.js';

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
  ])('%s → %s', (raw, expected) => {
    expect(parseBoolean('dry-run', raw)).toBe(expected);
  });

  it.each(['yes', 'no', '1', '0', 'on', 'tRuE', ''])('refuses %p, naming the input', (raw) => {
    expect(() => parseBoolean('dry-run', raw)).toThrow(
      /Input 'dry-run' is ".*"\. Expected true or false/,
    );
  });
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1.5s', 1500],
    ['0s', 0],
    ['2m30s', 150_000],
  ])('%s → %d ms', (raw, expected) => {
    expect(parseDuration('timeout', raw)).toBe(expected);
  });

  it.each([
    ['15', 'is "15", a number without a unit'],
    ['-1m', 'is negative'],
    ['1y', 'is "1y"'],
    ['m', 'is "m"'],
    ['10 m', 'is "10 m"'],
    ['1h 30m', 'is "1h 30m"'],
  ])('refuses %p (%s)', (raw, problem) => {
    expect(() => parseDuration('timeout', raw)).toThrow(
      `Input 'timeout' ${problem}. Expected a duration such as 90s, 15m or 1h30m`,
    );
  });

  it.each([
    [0, '0s'],
    [250, '250ms'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
    [5_430_000, '1h30m30s'],
  ])('formatDuration(%d) → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('parseInteger and parseChoice', () => {
  it('accepts whole numbers within bounds', () => {
    expect(parseInteger('steps-back', '3', { min: 1, max: 10 })).toBe(3);
  });
  it.each(['0', '11', '2.5', 'two', ' 3'])('refuses %p', (raw) => {
    expect(() => parseInteger('steps-back', raw, { min: 1, max: 10 })).toThrow(
      /Input 'steps-back' is .*\. Expected a whole number from 1 to 10/,
    );
  });
  it('knows its choices', () => {
    expect(parseChoice('mode', 'digest', ['digest', 'revision'] as const)).toBe('digest');
    expect(() => parseChoice('mode', 'Digest', ['digest', 'revision'])).toThrow(
      'Input \'mode\' is "Digest". Expected one of: digest, revision.',
    );
  });
});

describe('parseList', () => {
  it.each([
    ['a\nb\n\n c \n# comment', false, ['a', 'b', 'c']],
    ['a, b,c', true, ['a', 'b', 'c']],
    ['a, b', false, ['a, b']],
    ['a,b\nc', true, ['a,b', 'c']],
    ['', true, []],
    ['a\r\nb', false, ['a', 'b']],
  ])('%p (commas: %p)', (raw, commas, expected) => {
    expect(parseList(raw, { commas })).toEqual(expected);
  });
});

describe('parseKeyValueLines', () => {
  it('keeps = inside values and skips comments', () => {
    const map = parseKeyValueLines(
      'environment',
      'A=1\nURL=postgres://u@h/db?sslmode=require&x=y\n# note\n\nEMPTY=',
    );
    expect([...map]).toEqual([
      ['A', '1'],
      ['URL', 'postgres://u@h/db?sslmode=require&x=y'],
      ['EMPTY', ''],
    ]);
  });
  it.each([
    [
      'NOEQUALS',
      'Input \'environment\' line 1 ("NOEQUALS") has no KEY=. Expected one KEY=VALUE pair a line.',
    ],
    ['=value', 'has no KEY='],
    ['1BAD=x', 'has the key "1BAD"'],
    ['A=1\nA=2', 'sets "A" twice (line 2'],
  ])('refuses %p', (raw, message) => {
    expect(() => parseKeyValueLines('environment', raw)).toThrow(message);
  });
});

describe('parseStructured', () => {
  it('reads JSON and YAML maps, lists and multi-line values', () => {
    expect(parseStructured('x', '{"a": 1}', 'map')).toEqual({ a: 1 });
    expect(parseStructured('x', '- a\n- b', 'list')).toEqual(['a', 'b']);
    expect([...parseStringMap('environment', 'CERT: |\n  line1\n  line2\nPORT: 8000\n')]).toEqual([
      ['CERT', 'line1\nline2\n'],
      ['PORT', '8000'],
    ]);
  });
  it.each([
    ['{"a": ', 'map', 'is not valid JSON or YAML'],
    ['[1]', 'map', 'is not a map'],
    ['a: 1', 'list', 'is not a list'],
    ['a: 1\na: 2', 'map', 'is not valid JSON or YAML'],
  ] as const)('refuses %p as %s', (raw, kind, message) => {
    expect(() => parseStructured('config', raw, kind)).toThrow(`Input 'config' ${message}`);
  });
  it('refuses nested values in a string map', () => {
    expect(() => parseStringMap('environment', 'A:\n  b: 1')).toThrow(
      `Input 'environment' has a map as the value of "A"`,
    );
  });
});

describe('parseStringMap keeps the text as written', () => {
  // [written, kept]: YAML's core schema would have made a number, boolean or date of each.
  it.each([
    ['012345678901', '012345678901'],
    ['1.10', '1.10'],
    ['0x1F', '0x1F'],
    ['0o17', '0o17'],
    ['1e3', '1e3'],
    ['12345678901234567890', '12345678901234567890'],
    ['-0', '-0'],
    ['.inf', '.inf'],
    ['.NaN', '.NaN'],
    ['yes', 'yes'],
    ['true', 'true'],
    ['FALSE', 'FALSE'],
    ['2001-12-14', '2001-12-14'],
    ['"x y"', 'x y'],
    ["'it''s'", "it's"],
    ['"012"', '012'],
    ['', ''],
    ['""', ''],
    ['a#b', 'a#b'],
    ['!!int 012', '012'],
  ])('A: %s is %p', (written, kept) => {
    expect(parseStringMap('env', `A: ${written}`).get('A')).toBe(kept);
  });

  it.each([
    ['{"A": 1.10, "B": 1e3, "C": true, "D": 012}', { A: '1.10', B: '1e3', C: 'true', D: '012' }],
    ['012: a\n1.10: b\ntrue: c', { '012': 'a', '1.10': 'b', true: 'c' }],
    ['A: &x 007\nB: *x', { A: '007', B: '007' }],
    ['CERT: |\n  l1\n  l2', { CERT: 'l1\nl2\n' }],
  ])('%p', (raw, want) => {
    expect(Object.fromEntries(parseStringMap('env', raw))).toEqual(want);
  });

  it.each([
    ['X: null', '"X"'],
    ['X: ~', '"X"'],
    ['X: NULL', '"X"'],
    ['{"X": null}', '"X"'],
    ['X: [1]', 'a list as the value of "X"'],
    ['1: a\n01: b\n1: c', 'sets "1" twice'],
    ['~: a', 'as a key'],
    ['"": a', 'has an empty key'],
    ['- a', 'is not a map'],
    ['A: "open', 'is not valid JSON or YAML at line 1'],
  ])('refuses %p naming %s', (raw, message) => {
    expect(() => parseStringMap('env', raw)).toThrow(message);
  });
});
