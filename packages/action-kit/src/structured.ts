// JSON/YAML inputs live in their own entry point so actions that never read one do not bundle
// a YAML parser.
import { parse as parseYaml } from 'yaml';
import { InputError } from './errors.js';

/**
 * A JSON or YAML value (JSON is YAML, so one parser reads both). Syntax errors name the input and
 * the line; `kind` makes a map or list mandatory.
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
  const isMap = typeof value === 'object' && value !== null && !isList;
  if (kind === 'map' && !isMap)
    throw new InputError(name, 'is not a map', 'a JSON object or YAML mapping of KEY: value');
  if (kind === 'list' && !isList)
    throw new InputError(name, 'is not a list', 'a JSON array or YAML sequence');
  return value;
}

/** A map of string values from JSON/YAML (numbers and booleans are turned into strings). */
export function parseStringMap(name: string, raw: string): Map<string, string> {
  const value = parseStructured(name, raw, 'map') as Record<string, unknown>;
  const result = new Map<string, string>();
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') result.set(key, item);
    else if (typeof item === 'number' || typeof item === 'boolean') result.set(key, String(item));
    else
      throw new InputError(
        name,
        `has a ${item === null ? 'null' : typeof item} value for "${key}"`,
        'text values only',
      );
  }
  return result;
}
