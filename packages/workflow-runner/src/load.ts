import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  parseWorkflow,
  type WorkflowTemplate,
} from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/index';

/** One thing wrong with a workflow file, with where it is when known. */
export interface Problem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** `parser`: schema, contexts, job graph (@actions/workflow-parser); `runner`: cannot run here. */
  readonly kind: 'parser' | 'policy' | 'runner';
  /** A short stable name for policy problems, e.g. `unpinned-action`. */
  readonly rule?: string;
  /** How bad: `warning` only for what depends on a value unknown here; default `error`. */
  readonly severity?: 'error' | 'warning';
  readonly message: string;
}

/** `file:line:col: message`, the form editors and CI logs link. */
export function formatProblem(problem: Problem): string {
  const where =
    problem.line === undefined
      ? problem.file
      : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  return `${where}: ${problem.severity === 'warning' ? 'warning: ' : ''}${problem.message}`;
}

/** The workflow could not be loaded; `problems` says why and where. */
export class WorkflowLoadError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`the workflow failed to load:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'WorkflowLoadError';
  }
}

/** A workflow that parsed: GitHub's converted model plus the raw token tree. */
export interface LoadedWorkflow {
  readonly file: string;
  readonly template: WorkflowTemplate;
  /** The parsed token tree; `with:`, `shell:`, `defaults:` … are only here. */
  readonly root: TemplateToken;
}

/** What parsing found: the workflow when it could be built, and every problem. */
export interface ParsedWorkflow {
  readonly workflow?: LoadedWorkflow;
  readonly problems: readonly Problem[];
}

/** Parses and converts a workflow, collecting schema, context and job-graph problems. */
export async function parseWorkflowFile(file: string, content?: string): Promise<ParsedWorkflow> {
  const text = content ?? readFileSync(file, 'utf8');
  const parsed = parseWorkflow(
    { name: basename(file), content: text },
    new NoOperationTraceWriter(),
  );
  if (parsed.value === undefined) {
    const problems = collect(file, parsed.context.errors.getErrors());
    return {
      problems:
        problems.length > 0 ? problems : [{ file, kind: 'parser', message: 'empty workflow' }],
    };
  }
  // Conversion adds the job-graph errors (unknown needs, cycles) to the same context.
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return {
    workflow: { file, template, root: parsed.value },
    problems: collect(file, parsed.context.errors.getErrors()),
  };
}

function collect(
  file: string,
  errors: readonly { rawMessage: string; range?: { start: { line: number; column: number } } }[],
): Problem[] {
  return errors.map((error) => ({
    file,
    line: error.range?.start.line,
    column: error.range?.start.column,
    kind: 'parser',
    message: error.rawMessage,
  }));
}

/** Loads a workflow to run it; throws {@link WorkflowLoadError} on any problem. */
export async function loadWorkflow(file: string, content?: string): Promise<LoadedWorkflow> {
  const { workflow, problems } = await parseWorkflowFile(file, content);
  if (workflow === undefined || problems.length > 0) throw new WorkflowLoadError(problems);
  return workflow;
}
