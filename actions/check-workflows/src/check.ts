import { isAbsolute, relative, resolve } from 'node:path';
import { ActionError, markdownTable } from '@ecs-deploy/action-kit';
import type { Problem } from '@ecs-deploy/workflow-runner/validate';

/** How bad a problem is. */
export type Severity = 'error' | 'warning';

/** What the check needs from outside: file matching and the validator. */
export interface CheckDeps {
  /** Files matching a glob pattern under `cwd` (paths relative to it). */
  readonly glob: (pattern: string, cwd: string) => readonly string[];
  readonly exists: (path: string) => boolean;
  /** Every problem of one file (parser, policy, masked outputs). */
  readonly validate: (file: string) => Promise<readonly Problem[]>;
}

/** One problem, placed for an annotation. */
export interface Finding {
  readonly severity: Severity;
  /** Workspace-relative, with `/`, as annotations want it. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly title: string;
  readonly message: string;
}

/** What the check found. */
export interface CheckReport {
  readonly files: readonly string[];
  readonly findings: readonly Finding[];
}

const GLOB = /[*?[{]/;

/** The workflow files the patterns name, workspace-relative, sorted, each once. */
export function workflowFiles(
  patterns: readonly string[],
  workspace: string,
  deps: Pick<CheckDeps, 'glob' | 'exists'>,
): string[] {
  const found = new Set<string>();
  for (const pattern of patterns) {
    if (GLOB.test(pattern)) {
      for (const file of deps.glob(pattern, workspace)) found.add(file.split('\\').join('/'));
    } else if (deps.exists(resolve(workspace, pattern))) {
      found.add(isAbsolute(pattern) ? relative(workspace, pattern) : pattern);
    } else {
      throw new ActionError(
        `Input 'files' names '${pattern}', which does not exist in ${workspace}.`,
        'Give paths relative to the workspace, and check out the repository first (actions/checkout).',
      );
    }
  }
  if (found.size === 0)
    throw new ActionError(
      `No workflow file matches ${patterns.map((p) => `'${p}'`).join(', ')} in ${workspace}.`,
      'Check out the repository first (actions/checkout), or set `files`.',
    );
  return [...found].sort();
}

/** The problems reported: all of them with `policy`, else all but the policy rules. */
export function selectProblems(problems: readonly Problem[], policy: boolean): Problem[] {
  return problems.filter(
    (problem) => policy || problem.kind !== 'policy' || problem.rule === 'masked-job-output',
  );
}

/** Validates each file and places every problem on its line. */
export async function checkWorkflows(
  files: readonly string[],
  workspace: string,
  policy: boolean,
  deps: Pick<CheckDeps, 'validate'>,
): Promise<CheckReport> {
  const findings: Finding[] = [];
  for (const file of files) {
    const problems = selectProblems(await deps.validate(resolve(workspace, file)), policy);
    for (const problem of problems) {
      findings.push({
        severity: problem.severity ?? 'error',
        file,
        ...(problem.line === undefined ? {} : { line: problem.line }),
        ...(problem.column === undefined ? {} : { column: problem.column }),
        title: problem.rule ?? problem.kind,
        message: problem.message,
      });
    }
  }
  return { files, findings };
}

/** True when a finding is at least as severe as `failOn`. */
export function fails(finding: Finding, failOn: Severity): boolean {
  return failOn === 'warning' || finding.severity === 'error';
}

/** The error that fails the step, or undefined when nothing reaches `failOn`. */
export function verdict(report: CheckReport, failOn: Severity): ActionError | undefined {
  const failing = report.findings.filter((finding) => fails(finding, failOn));
  if (failing.length === 0) return undefined;
  const files = new Set(failing.map((finding) => finding.file)).size;
  return new ActionError(
    `${failing.length} problem(s) in ${files} workflow file(s); each is annotated on its line.`,
    'A job output that carries a masked value reaches the next job empty. Pass only the tag or digest between jobs; derive the registry host in the deploying job.',
  );
}

/** How many findings of each severity. */
export function severityCounts(report: CheckReport): Record<Severity, number> {
  const count = (severity: Severity): number =>
    report.findings.filter((finding) => finding.severity === severity).length;
  return { error: count('error'), warning: count('warning') };
}

/** The job summary: a table of findings, or one line saying there were none. */
export function summaryMarkdown(report: CheckReport): string {
  if (report.findings.length === 0)
    return `No problems in ${report.files.length} workflow file(s).`;
  return markdownTable(
    ['Severity', 'Where', 'Problem'],
    report.findings.map((f) => [f.severity, `${f.file}:${f.line ?? 1}`, f.message]),
  );
}
