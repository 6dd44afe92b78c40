import { ActionError, InputError, markEmptyInputs } from './errors.js';

/** A parser of one input's raw (trimmed, non-empty) text. */
export type InputParser<T> = (name: string, raw: string) => T;

/**
 * Reads `INPUT_<NAME>` variables exactly as the runner sets them: the name upper-cased with spaces
 * turned into `_` and hyphens kept; values trimmed. The runner sets one for every input declared
 * in action.yml (its default, or '' when it has none; actions/runner ActionRunner.cs and
 * ActionManifestManager.cs `ConvertInputs`), so an empty value and a missing one mean the same
 * here: "not set". Defaults live in action.yml only.
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
    if (value === undefined)
      throw markEmptyInputs(new InputError(name, 'is required but empty', expected, hint), [name]);
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
