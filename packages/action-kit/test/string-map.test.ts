import { describe, expect, it } from '@jest/globals';
import { readStringMap } from '../src/index.js';
import { flatJsonStringMap } from '../src/string-map.js';
import { parseStringMap } from '../src/structured.js';

/** parseStringMap's answer or error message, to compare the two paths by. */
function yamlAnswer(raw: string): [string, string][] | string {
  try {
    return [...parseStringMap('environment', raw)];
  } catch (error) {
    return (error as Error).message;
  }
}

async function lazyAnswer(raw: string): Promise<[string, string][] | string> {
  try {
    return [...(await readStringMap('environment', raw))];
  } catch (error) {
    return (error as Error).message;
  }
}

const READ_AS_JSON = [
  '{}',
  ' { } ',
  '{"A": "x y"}',
  '{"VER": 1.10, "ID": 12}',
  '{"ID":"012345678901","DEBUG":true,"OFF":false,"N":-0,"E":1E5,"F":2.50e-3}',
  '{"ESC": "a\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00"}',
  '{"EMPTY": "", "é": "ü", "emoji": "😀"}',
  '\n{\n  "A": "1",\n  "B": 2\n}\n',
  '{"A": "null", "B": "~", "C": "yes"}',
];

const LEFT_TO_YAML = [
  'A: 1',
  '{"A": null}',
  '{"A": {"b": 1}}',
  '{"A": [1]}',
  '{"A": 1, "A": 2}',
  '{"": 1}',
  '{"A": 1,}',
  '{"A": 01}',
  '{"A": 1.}',
  '{"A": .5}',
  '{"A": +1}',
  '{"A": truex}',
  '{"A": 1x}',
  '{"A": "x"} trailing',
  '{"A": \'x\'}',
  '{A: 1}',
  '{"A": "tab\there"}',
  '{"A": "del\u007f"}',
  '{"__proto__": "x"}',
  '{"<<": "x"}',
  '[1, 2]',
  '"text"',
  '',
  '{"A": "x"',
  '\ufeff{"A": "x"}',
];

describe('readStringMap', () => {
  it.each(READ_AS_JSON)('reads %p without YAML, as parseStringMap does', async (raw) => {
    expect(flatJsonStringMap(raw)).toBeDefined();
    expect(await lazyAnswer(raw)).toEqual(yamlAnswer(raw));
  });

  it.each(LEFT_TO_YAML)('leaves %p to parseStringMap, with its answer', async (raw) => {
    expect(flatJsonStringMap(raw)).toBeUndefined();
    expect(await lazyAnswer(raw)).toEqual(yamlAnswer(raw));
  });

  it('keeps the numbers and booleans as written', () => {
    expect([
      ...(flatJsonStringMap('{"VER": 1.10, "BIG": 12345678901234567890, "T": true}') ?? []),
    ]).toEqual([
      ['VER', '1.10'],
      ['BIG', '12345678901234567890'],
      ['T', 'true'],
    ]);
  });

  it('agrees with parseStringMap on generated flat JSON objects', async () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['a', 'Z', '0', ' ', '"', '\\', '\n', 'é', '😀', '/', ':', '#', '-', '\u0001'];
    const scalars = ['0', '-1', '1.10', '3e2', 'true', 'false', '012', 'null', '1.'];
    for (let i = 0; i < 300; i++) {
      const entries: string[] = [];
      for (let k = next(4); k > 0; k--) {
        const key = Array.from({ length: 1 + next(4) }, () => pieces[next(pieces.length)]).join('');
        const value =
          next(2) === 0
            ? JSON.stringify(
                Array.from({ length: next(5) }, () => pieces[next(pieces.length)]).join(''),
              )
            : (scalars[next(scalars.length)] ?? '0');
        entries.push(`${JSON.stringify(key)}:${' '.repeat(next(2))}${value}`);
      }
      const raw = `{${entries.join(next(2) === 0 ? ',' : ', ')}}`;
      expect([raw, await lazyAnswer(raw)]).toEqual([raw, yamlAnswer(raw)]);
    }
  });
});
