/** Base of every error the actions throw on purpose: a message, and a hint where one helps. */
export class ActionError extends Error {
  constructor(
    message: string,
    /** What the user can do about it, printed after the message. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An input is missing or malformed; the message names the input and the expected form. */
export class InputError extends ActionError {
  constructor(
    /** The input's name as written in `with:` (kebab-case). */
    readonly input: string,
    problem: string,
    /** The expected form, e.g. `a duration such as 90s or 15m`. */
    readonly expected?: string,
    hint?: string,
  ) {
    super(
      `Input '${input}' ${problem}${expected === undefined ? '' : `. Expected ${expected}`}.`,
      hint,
    );
  }
}

/**
 * Marks `error` as possibly caused by inputs that arrived empty, so the failure edge can say where
 * the workflow set them (see workflow-source.ts). Returns the same error.
 */
export function markEmptyInputs<E extends Error>(error: E, inputs: readonly string[]): E {
  Object.defineProperty(error, 'emptyInputs', { value: [...emptyInputsOf(error), ...inputs] });
  return error;
}

/** The inputs `markEmptyInputs` attached to an error, if any. */
export function emptyInputsOf(error: unknown): readonly string[] {
  const inputs = (error as { emptyInputs?: unknown } | null)?.emptyInputs;
  return Array.isArray(inputs) ? inputs.filter((i): i is string => typeof i === 'string') : [];
}

/** Normalises anything thrown into a message (and a hint, when the error carries one). */
export function describeError(error: unknown): { message: string; hint?: string } {
  if (error instanceof Error) {
    const hint = (error as { hint?: unknown }).hint;
    return typeof hint === 'string' && hint !== ''
      ? { message: error.message, hint }
      : { message: error.message };
  }
  return { message: typeof error === 'string' ? error : JSON.stringify(error) };
}
