import { ActionError, InputError } from './errors.js';

/** A parser of one input's raw (trimmed, non-empty) text. */
export type InputParser<T> = (name: string, raw: string) => T;

/**
 * Reads `INPUT_<NAME>` variables exactly as the runner sets them: the name upper-cased with spaces
 * turned into `_` and hyphens kept; values trimmed. Defaults live in action.yml only — the runner
 * fills them in — so an empty value here means the workflow gave none and there is no default.
 */
export class InputReader {
  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  /** The trimmed value, or undefined when unset or blank. */
  optional(name: string): string | undefined {
    const value = (this.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
    return value === '' ? undefined : value;
  }

  /** The trimmed value; an InputError naming the input and its expected form when blank. */
  required(name: string, expected: string, hint?: string): string {
    const value = this.optional(name);
    if (value === undefined) throw new InputError(name, 'is required but empty', expected, hint);
    return value;
  }

  /** A required input run through `parse`. */
  parsed<T>(name: string, parse: InputParser<T>, expected: string): T {
    return parse(name, this.required(name, expected));
  }

  /** An optional input run through `parse`, or undefined when blank. */
  maybe<T>(name: string, parse: InputParser<T>): T | undefined {
    const raw = this.optional(name);
    return raw === undefined ? undefined : parse(name, raw);
  }

  /**
   * True when the variable exists, even empty. The runner sets it only for inputs given in `with:`
   * or having a default, so "given but empty" (e.g. a dropped job output) is told from "not given".
   */
  provided(name: string): boolean {
    return this.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] !== undefined;
  }

  /** The raw value without trimming (for multi-line text where indentation matters). */
  untrimmed(name: string): string {
    return this.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
  }

  /** Exactly one of the named inputs must be set; returns which one and its value. */
  exactlyOneOf<K extends string>(names: readonly K[]): { name: K; value: string } {
    const given = names.flatMap((name) => {
      const value = this.optional(name);
      return value === undefined ? [] : [{ name, value }];
    });
    const [only, second] = given;
    if (only === undefined || second !== undefined) {
      const list = names.map((name) => `'${name}'`).join(', ');
      const problem =
        only === undefined
          ? 'none is set'
          : `'${only.name}' and '${second?.name ?? ''}' are both set`;
      throw new ActionError(`Inputs ${list}: ${problem}. Set exactly one of them.`);
    }
    return only;
  }
}
