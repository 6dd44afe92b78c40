// A map of text values from JSON or YAML without loading the YAML parser for JSON: most workflows
// pass these inputs as JSON (often `${{ toJSON(...) }}`), and the parser is ~120 kB of bundle that
// a cold start would otherwise parse. YAML, and anything the JSON path does not read exactly as
// parseStringMap would, goes to parseStringMap itself (structured.ts, a separate chunk).
import type { parseStringMap as ParseStringMap } from './structured.js';

/**
 * parseStringMap's answer, the same in every case (values and errors alike), with the YAML
 * parser loaded only when `raw` is not a flat JSON object of strings, numbers and booleans.
 */
export async function readStringMap(name: string, raw: string): Promise<Map<string, string>> {
  const json = flatJsonStringMap(raw);
  if (json !== undefined) return json;
  const { parseStringMap }: { parseStringMap: typeof ParseStringMap } =
    await import('./structured.js');
  return parseStringMap(name, raw);
}

const WHITESPACE = /[ \t\n\r]*/y;
// Raw characters YAML does not allow in a document (C0/C1 controls, DEL, U+FFFE/U+FFFF) are left
// to the YAML path, as are lone surrogates; escapes are the same in JSON and YAML double quotes.
const STRING =
  // eslint-disable-next-line no-control-regex -- the control characters are what it excludes
  /"(?:[^"\\\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]|[\ud800-\udbff][\udc00-\udfff]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false/y;

/**
 * A flat JSON object read as parseStringMap reads it (a string's value, a number's or boolean's
 * text as written), or undefined for anything else: not JSON, a null, a nested map or list, an
 * empty or repeated key, or a key YAML would treat differently. Those are left to
 * parseStringMap, which refuses or reads them with its own words.
 */
export function flatJsonStringMap(raw: string): Map<string, string> | undefined {
  let at = 0;
  const match = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = at;
    const found = pattern.exec(raw);
    if (found === null) return undefined;
    at = pattern.lastIndex;
    return found[0];
  };
  const skip = (): void => {
    match(WHITESPACE);
  };
  const char = (c: string): boolean => {
    if (raw[at] !== c) return false;
    at += 1;
    return true;
  };
  skip();
  if (!char('{')) return undefined;
  const result = new Map<string, string>();
  skip();
  if (!char('}')) {
    for (;;) {
      skip();
      const keyToken = match(STRING);
      if (keyToken === undefined) return undefined;
      const key = JSON.parse(keyToken) as string;
      if (key === '' || result.has(key) || key === '<<' || key === '__proto__') return undefined;
      skip();
      if (!char(':')) return undefined;
      skip();
      const stringToken = match(STRING);
      const value =
        stringToken === undefined
          ? (match(NUMBER) ?? match(LITERAL))
          : (JSON.parse(stringToken) as string);
      if (value === undefined) return undefined;
      result.set(key, value);
      skip();
      if (char('}')) break;
      if (!char(',')) return undefined;
    }
  }
  skip();
  return at === raw.length ? result : undefined;
}
