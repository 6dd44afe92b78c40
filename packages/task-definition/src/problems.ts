/** How serious a problem is: errors make `assertValid` throw, warnings are only reported. */
export type Severity = 'error' | 'warning';

/** One thing wrong with a task definition or with the edits asked of it. */
export interface Problem {
  /** Where: a JSON path inside the task definition (`containerDefinitions[1].image`), or `edits.…`. */
  readonly path: string;
  /** A stable identifier for tests and for callers that branch on a kind (`image-empty`, …). */
  readonly code: string;
  /** What is wrong, naming the bad value where that is safe to show. */
  readonly message: string;
  /** How to fix it, when there is more to say than the message does. */
  readonly fix?: string;
  readonly severity: Severity;
}

/** Builds an error-severity problem. */
export function error(path: string, code: string, message: string, fix?: string): Problem {
  return fix === undefined
    ? { path, code, message, severity: 'error' }
    : { path, code, message, fix, severity: 'error' };
}

/** Builds a warning-severity problem. */
export function warning(path: string, code: string, message: string, fix?: string): Problem {
  return fix === undefined
    ? { path, code, message, severity: 'warning' }
    : { path, code, message, fix, severity: 'warning' };
}

/** True when at least one problem is an error. */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** "task definition has 2 errors and 1 warning". */
export function summaryLine(problems: readonly Problem[], subject = 'task definition'): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (errors === 0 && warnings === 0) return `${subject} has no problems`;
  const parts: string[] = [];
  if (errors > 0) parts.push(plural(errors, 'error'));
  if (warnings > 0) parts.push(plural(warnings, 'warning'));
  return `${subject} has ${parts.join(' and ')}`;
}

/**
 * One readable block: a summary line, then each problem as `severity path: message` with its
 * fix indented below. Errors come first so a truncated log still shows what failed.
 */
export function formatProblems(problems: readonly Problem[], subject = 'task definition'): string {
  const ordered = [
    ...problems.filter((p) => p.severity === 'error'),
    ...problems.filter((p) => p.severity === 'warning'),
  ];
  const lines = [`${summaryLine(problems, subject)}:`];
  for (const p of ordered) {
    lines.push(`  ${p.severity} ${p.path}: ${indentRest(p.message, 4)}`);
    if (p.fix !== undefined) lines.push(`    fix: ${indentRest(p.fix, 9)}`);
  }
  return lines.join('\n');
}

function indentRest(text: string, width: number): string {
  return text.split('\n').join(`\n${' '.repeat(width)}`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
