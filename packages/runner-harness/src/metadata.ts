import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** One input or output as declared in action.yml. */
export interface ActionField {
  readonly description?: string;
  readonly required?: boolean;
  /** YAML may give a number or boolean (`default: 7`); the runner passes its text. */
  readonly default?: string | number | boolean;
  readonly deprecationMessage?: string;
}

/** The parts of action.yml the harness and the docs generator read. */
export interface ActionMetadata {
  readonly name: string;
  readonly description: string;
  readonly inputs: Readonly<Record<string, ActionField>>;
  readonly outputs: Readonly<Record<string, ActionField>>;
  readonly runs: { readonly using: string; readonly main: string };
}

/** Reads and minimally checks `<actionDir>/action.yml`. */
export function loadActionMetadata(actionDir: string): ActionMetadata {
  const file = join(actionDir, 'action.yml');
  const raw = parse(readFileSync(file, 'utf8')) as Partial<ActionMetadata> | null;
  if (raw === null || typeof raw !== 'object') throw new Error(`${file} is empty`);
  if (raw.runs === undefined) throw new Error(`${file} has no runs section`);
  return {
    name: raw.name ?? '',
    description: raw.description ?? '',
    inputs: raw.inputs ?? {},
    outputs: raw.outputs ?? {},
    runs: raw.runs,
  };
}

/** The env var the runner sets for an input: upper-cased, spaces to `_`, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Evaluates an action.yml default. The runner evaluates `${{ }}` there; the harness supports the
 * plain context lookups defaults use in practice (`${{ github.token }}`) and refuses the rest.
 */
export function evaluateDefault(
  value: string,
  contexts: Readonly<Record<string, unknown>>,
): string {
  return value.replace(/\$\{\{(.*?)\}\}/g, (_whole, inner: string) => {
    const expression = inner.trim();
    if (!/^[A-Za-z_][\w-]*(?:\.[\w-]+)*$/.test(expression)) {
      throw new Error(`the harness cannot evaluate "\${{ ${expression} }}" in a default`);
    }
    let current: unknown = contexts;
    for (const key of expression.split('.')) {
      current =
        typeof current === 'object' && current !== null
          ? (current as Record<string, unknown>)[key]
          : undefined;
    }
    return typeof current === 'string' ||
      typeof current === 'number' ||
      typeof current === 'boolean'
      ? String(current)
      : '';
  });
}
