// Pure parsers for input values. Each takes the input's name so its error can name it.
import { InputError } from './errors.js';

const TRUE_VALUES = ['true', 'True', 'TRUE'];
const FALSE_VALUES = ['false', 'False', 'FALSE'];

/** A strict boolean, as the toolkit defines it (the YAML 1.2 core schema's spellings only). */
export function parseBoolean(name: string, raw: string): boolean {
  if (TRUE_VALUES.includes(raw)) return true;
  if (FALSE_VALUES.includes(raw)) return false;
  throw new InputError(name, `is "${raw}"`, 'true or false (also True, TRUE, False, FALSE)');
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION_FORM = 'a duration such as 90s, 15m or 1h30m (units: ms, s, m, h)';

/** A duration such as `90s`, `15m`, `1h30m` or `500ms`, in milliseconds. A unit is required. */
export function parseDuration(name: string, raw: string): number {
  const value = raw.trim();
  if (!/^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/.test(value)) {
    const why = value.startsWith('-')
      ? 'is negative'
      : /^\d+(?:\.\d+)?$/.test(value)
        ? `is "${value}", a number without a unit`
        : `is "${value}"`;
    throw new InputError(name, why, DURATION_FORM);
  }
  let total = 0;
  for (const match of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
  }
  return Math.round(total);
}

/** Formats milliseconds the way durations are written in inputs (`1m30s`, `250ms`). */
export function formatDuration(ms: number): string {
  if (ms > 0 && ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 || seconds === 0 ? `${s}s` : ''}`;
}

/** An integer within bounds. */
export function parseInteger(
  name: string,
  raw: string,
  bounds: { min?: number; max?: number } = {},
): number {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = bounds;
  const expected = `a whole number from ${min} to ${max}`;
  if (!/^-?\d+$/.test(raw)) throw new InputError(name, `is "${raw}"`, expected);
  const value = Number(raw);
  if (value < min || value > max) throw new InputError(name, `is ${value}`, expected);
  return value;
}

/** One of a fixed set of words. */
export function parseChoice<T extends string>(name: string, raw: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === raw);
  if (found === undefined) {
    throw new InputError(name, `is "${raw}"`, `one of: ${choices.join(', ')}`);
  }
  return found;
}

/**
 * A list: one item a line (blank lines and `#` comments skipped). With `commas`, a single line
 * may also separate items with commas, as in `tags: a, b`.
 */
export function parseList(raw: string, options: { commas?: boolean } = {}): string[] {
  const lines = raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (options.commas === true && lines.length === 1) {
    return (lines[0] ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  return lines;
}

/**
 * Multi-line `KEY=VALUE` pairs. The value is everything after the first `=`, so it may contain
 * `=`; keys must match `keyPattern`; a key given twice is an error, never a silent overwrite.
 */
export function parseKeyValueLines(
  name: string,
  raw: string,
  keyPattern = /^[A-Za-z_][A-Za-z0-9_.-]*$/,
  keyForm = `keys matching ${String(keyPattern)}`,
): Map<string, string> {
  const result = new Map<string, string>();
  raw.split(/\r?\n/).forEach((line, index) => {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return;
    const eq = text.indexOf('=');
    const where = `line ${index + 1} ("${text.length > 40 ? `${text.slice(0, 40)}…` : text}")`;
    if (eq <= 0) throw new InputError(name, `${where} has no KEY=`, 'one KEY=VALUE pair a line');
    const key = text.slice(0, eq).trim();
    if (!keyPattern.test(key)) {
      throw new InputError(name, `${where} has the key "${key}"`, keyForm);
    }
    if (result.has(key)) throw new InputError(name, `sets "${key}" twice (${where})`);
    result.set(key, text.slice(eq + 1));
  });
  return result;
}
