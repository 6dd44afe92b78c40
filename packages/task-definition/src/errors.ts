import { formatProblems, type Problem } from './problems.js';

/** Base class of every error this package throws, so callers can catch them all at once. */
export class TaskDefinitionError extends Error {
  override readonly name: string = 'TaskDefinitionError';
}

/** What a `ParseError` was parsing. */
export type ParseSubject = 'task definition' | 'environment file' | 'command' | 'cpu' | 'memory';

/** Text that could not be read: the task definition file, an env file, a command line, a unit. */
export class ParseError extends TaskDefinitionError {
  override readonly name = 'ParseError';

  constructor(
    /** What was being parsed. */
    readonly subject: ParseSubject,
    /** The reason, without the location. */
    readonly reason: string,
    /** 1-based line, when known. */
    readonly line?: number,
    /** 1-based column, when known. */
    readonly column?: number,
  ) {
    super(`${subject}: ${reason}${locationSuffix(line, column)}`);
  }
}

function locationSuffix(line: number | undefined, column: number | undefined): string {
  if (line === undefined) return '';
  return column === undefined ? ` (line ${line})` : ` (line ${line}, column ${column})`;
}

/**
 * A task definition, or a set of edits, with at least one error. Holds every problem found, and
 * its message is the formatted block, so printing `error.message` shows all of them.
 */
export class ValidationError extends TaskDefinitionError {
  override readonly name = 'ValidationError';

  constructor(
    /** All problems, errors and warnings, in the order they were found. */
    readonly problems: readonly Problem[],
    /** What was checked; the first line of the message names it. */
    readonly subject = 'task definition',
  ) {
    super(formatProblems(problems, subject));
  }

  /** Only the problems of severity `error`. */
  get errors(): readonly Problem[] {
    return this.problems.filter((p) => p.severity === 'error');
  }
}
