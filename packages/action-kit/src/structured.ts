// JSON/YAML inputs live in their own entry point so actions that never read one do not bundle
// a YAML parser.
import { isAlias, isMap, isScalar, parse as parseYaml, parseDocument, type Node } from 'yaml';
import { InputError } from './errors.js';

/**
 * A JSON or YAML value (JSON is YAML, so one parser reads both). Syntax errors name the input and
 * the line; `kind` makes a map or list mandatory. Scalars get YAML's types (`012` is 12): for
 * values that are text, use `parseStringMap`, which keeps them as written.
 */
export function parseStructured(
  name: string,
  raw: string,
  kind: 'any' | 'map' | 'list' = 'any',
): unknown {
  let value: unknown;
  try {
    value = parseYaml(raw, { uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new InputError(name, `is not valid JSON or YAML (${reason})`);
  }
  const isList = Array.isArray(value);
  const isObject = typeof value === 'object' && value !== null && !isList;
  if (kind === 'map' && !isObject)
    throw new InputError(name, 'is not a map', 'a JSON object or YAML mapping of KEY: value');
  if (kind === 'list' && !isList)
    throw new InputError(name, 'is not a list', 'a JSON array or YAML sequence');
  return value;
}

/** The plain scalars YAML reads as null; as text they are ambiguous, so they are refused. */
const NULL_WORDS = ['null', 'Null', 'NULL', '~'];

/** The text a scalar was written as: quotes and block indicators removed, YAML types not applied. */
function scalarText(node: Node | null, what: () => string, name: string): string {
  if (node === null) return '';
  if (!isScalar(node)) {
    throw new InputError(
      name,
      `has ${isMap(node) ? 'a map' : 'a list'} as ${what()}`,
      'text values only (quote them, or use a block scalar `|` for several lines)',
    );
  }
  // `source` is the scalar's text after YAML's quoting and folding, before any type is applied,
  // so `012`, `1.10`, `0x1F`, `1e3`, `true` and a 20-digit number stay exactly as written.
  const text = node.source ?? String(node.value);
  if (node.type === 'PLAIN' && NULL_WORDS.includes(text)) {
    throw new InputError(
      name,
      `has ${text} (unquoted) as ${what()}, which YAML reads as "no value"`,
      `"${text}" in quotes for the text itself, "" for an empty value, or leave the key out`,
    );
  }
  return text;
}

/**
 * A map of text values from JSON or YAML. One rule for every value and key: the text exactly as
 * written (`VER: 1.10` is "1.10", `ID: 012345678901` keeps its zero, `DEBUG: yes` and `X: true`
 * are "yes" and "true"); quotes and block scalars are YAML's syntax (`A: "x y"` is `x y`); an
 * empty value (`A:` or `A: ""`) is ""; `null` and `~` unquoted, maps, lists and a key given twice
 * are refused, naming the key.
 */
export function parseStringMap(name: string, raw: string): Map<string, string> {
  const doc = parseDocument(raw, { uniqueKeys: false, prettyErrors: true, logLevel: 'error' });
  const fault = doc.errors[0];
  if (fault !== undefined) {
    const line = fault.linePos?.[0].line;
    const where = line === undefined ? '' : ` at line ${line}`;
    throw new InputError(
      name,
      `is not valid JSON or YAML${where} (${fault.message.split('\n')[0] ?? ''})`,
    );
  }
  const root = doc.contents;
  if (!isMap(root))
    throw new InputError(name, 'is not a map', 'a JSON object or YAML mapping of KEY: value');
  const result = new Map<string, string>();
  for (const pair of root.items) {
    const keyNode = resolved(pair.key, doc);
    const key = scalarText(keyNode, () => 'a key', name);
    if (key === '') throw new InputError(name, 'has an empty key', 'a name before every colon');
    if (result.has(key)) throw new InputError(name, `sets "${key}" twice`, 'each key once');
    const value = scalarText(resolved(pair.value, doc), () => `the value of "${key}"`, name);
    result.set(key, value);
  }
  return result;
}

/** An alias (`*anchor`) stands for the node it names. */
function resolved(node: Node | null, doc: ReturnType<typeof parseDocument>): Node | null {
  return node !== null && isAlias(node) ? ((node.resolve(doc) as Node | undefined) ?? null) : node;
}
