import { InputError } from '@ecs-deploy/action-kit';
import { parseStringMap } from '@ecs-deploy/action-kit/structured';
import { parseDotenv } from './dotenv.js';
import { ParseError } from './errors.js';
import { NAME_FORM, variableNameProblem } from './names.js';

/**
 * The form every name=value input takes (environment-variables, secrets, log-options,
 * docker-labels), stated once for error messages.
 */
export const PAIRS_FORM =
  'one KEY=VALUE pair a line, read like an env file (quotes are syntax: A="x y" is x y), or a ' +
  'YAML/JSON map whose values are kept as written';

/** True when the first meaningful line starts a YAML/JSON map (`{`, or `key:` then a blank). */
function looksLikeMap(raw: string): boolean {
  const first =
    raw
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find((line) => line !== '' && !line.startsWith('#')) ?? '';
  // YAML needs a blank (or the line's end) after a mapping colon, so `A:B=1` is a KEY=VALUE line
  // whose name holds a colon, while `A: b=c` is a map entry.
  return first.startsWith('{') || /^(?:"[^"]*"|'[^']*'|[^\s=:"']+):(?:\s|$)/.test(first);
}

/**
 * Name → value pairs from one input, in either form, with one rule for values and names:
 * - KEY=VALUE lines follow the env-file grammar of `env-files` (parseDotenv): quotes are syntax,
 *   `#` after a blank starts a comment, a name given twice is an error;
 * - a YAML/JSON map keeps every value's text exactly as written (parseStringMap);
 * - names are any text without "=", blanks or control characters, as ECS accepts them.
 */
export function readPairs(name: string, raw: string): Map<string, string> {
  let pairs: Map<string, string>;
  if (looksLikeMap(raw)) {
    pairs = parseStringMap(name, raw);
  } else {
    try {
      pairs = parseDotenv(raw, { repeated: 'error' });
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      const where = error.line === undefined ? '' : `line ${error.line}: `;
      throw new InputError(name, `${where}${error.reason}`, PAIRS_FORM);
    }
  }
  for (const key of pairs.keys()) {
    const problem = variableNameProblem(key);
    if (problem !== undefined)
      throw new InputError(name, `has the name ${JSON.stringify(key)}, but ${problem}`, NAME_FORM);
  }
  return pairs;
}
