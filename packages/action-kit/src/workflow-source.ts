import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/*
 * The runner hands an action every declared input (its default, or ''), so an action cannot tell
 * "not given" from "given, and empty" by its environment alone. The workflow file can: when the
 * running step's `with:` sets an input from `needs.<job>.outputs.<name>` and the value arrived
 * empty, that job output was dropped (or set empty). This reads the checked-out workflow to say
 * which output, best effort: no checkout, a reusable workflow or an ambiguous step gives nothing.
 */

/** Where the running step's workflow sets one input. */
export interface InputSource {
  /** The workflow file, relative to the workspace, e.g. `.github/workflows/deploy.yml`. */
  readonly workflow: string;
  readonly job: string;
  /** The `with:` value as written, e.g. `${{ needs.build.outputs.digest }}`. */
  readonly expression: string;
  /** The job outputs it reads, e.g. `needs.build.outputs.digest`. */
  readonly jobOutputs: readonly string[];
}

/** What identifies the running step, from the runner's GITHUB_* variables. */
export interface StepIdentity {
  /** GITHUB_JOB: the job's key in `jobs:`. */
  readonly job: string;
  /** GITHUB_ACTION: the step's `id:`, or a generated name (`__owner_repo`) when it has none. */
  readonly stepName?: string;
  /** This action's directory name, e.g. `render-task-def`. */
  readonly action: string;
}

/** `needs.<job>.outputs.<name>` references in an expression, in order, once each. */
export function jobOutputReferences(expression: string): string[] {
  const found: string[] = [];
  for (const inner of expression.matchAll(/\$\{\{(.*?)\}\}/gs)) {
    // `needs.job.outputs.name`, each part also in index form: `needs['job'].outputs['name']`.
    const part = String.raw`(?:\.\s*([A-Za-z_][\w-]*)|\[\s*'([^']+)'\s*\])`;
    const pattern = new RegExp(String.raw`\bneeds\s*${part}\s*\.\s*outputs\s*${part}`, 'g');
    for (const match of (inner[1] ?? '').matchAll(pattern)) {
      const job = match[1] ?? match[2] ?? '';
      const reference = `needs.${job}.outputs.${match[3] ?? match[4] ?? ''}`;
      if (!found.includes(reference)) found.push(reference);
    }
  }
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when a step's `uses:` names this action (`…/actions/<name>@ref` or `./actions/<name>`). */
function usesAction(uses: unknown, action: string): boolean {
  if (typeof uses !== 'string') return false;
  const path = uses.split('@')[0] ?? '';
  return path.replace(/\/+$/, '').split('/').at(-1) === action && path.includes('/');
}

/**
 * The `with:` text of `input` on the running step, from a parsed workflow document; undefined
 * when the job or step cannot be told apart, or the step does not set the input.
 */
export function stepInputExpression(
  workflow: unknown,
  step: StepIdentity,
  input: string,
): string | undefined {
  const jobs = isRecord(workflow) ? workflow.jobs : undefined;
  const job = isRecord(jobs) ? jobs[step.job] : undefined;
  const steps = isRecord(job) && Array.isArray(job.steps) ? job.steps.filter(isRecord) : [];
  const byId = steps.filter((s) => step.stepName !== undefined && s.id === step.stepName);
  const candidates = byId.length > 0 ? byId : steps.filter((s) => usesAction(s.uses, step.action));
  const values = candidates.map((s) => {
    const withs = isRecord(s.with) ? s.with : {};
    const key = Object.keys(withs).find((name) => name.toLowerCase() === input.toLowerCase());
    return key === undefined ? undefined : withs[key];
  });
  // Several steps of this action: only an answer they all agree on is an answer.
  const first = values[0];
  if (typeof first !== 'string' || values.some((value) => value !== first)) return undefined;
  return first;
}

/** The workflow file's path in the workspace, from GITHUB_WORKFLOW_REF (`owner/repo/<path>@ref`). */
export function workflowPath(
  workflowRef: string | undefined,
  repository: string | undefined,
): string | undefined {
  if (workflowRef === undefined || repository === undefined || repository === '') return undefined;
  const prefix = `${repository}/`;
  if (!workflowRef.startsWith(prefix)) return undefined;
  const path = workflowRef.slice(prefix.length).split('@')[0] ?? '';
  return path === '' ? undefined : path;
}

/**
 * Reads the running step's workflow from the workspace and tells where it sets `input`;
 * undefined when the workflow is not checked out or the step cannot be found.
 */
export async function findInputSource(
  env: Readonly<Record<string, string | undefined>>,
  action: string,
  input: string,
  read: (path: string) => Promise<string> = (path) => readFile(path, 'utf8'),
): Promise<InputSource | undefined> {
  const workflow = workflowPath(env.GITHUB_WORKFLOW_REF, env.GITHUB_REPOSITORY);
  const job = env.GITHUB_JOB;
  if (workflow === undefined || job === undefined || job === '') return undefined;
  let document: unknown;
  try {
    // Only failure paths come here: the YAML parser is loaded then, not at every start.
    const [{ parse }, text] = await Promise.all([
      import('yaml'),
      read(join(env.GITHUB_WORKSPACE ?? process.cwd(), workflow)),
    ]);
    document = parse(text);
  } catch {
    return undefined;
  }
  const expression = stepInputExpression(
    document,
    { job, stepName: env.GITHUB_ACTION, action },
    input,
  );
  if (expression === undefined) return undefined;
  return { workflow, job, expression, jobOutputs: jobOutputReferences(expression) };
}

/**
 * One sentence for a failure caused by an input that arrived empty or half-built: which job
 * output it came from and why such an output goes missing; undefined when the workflow does not
 * tell.
 */
export function explainEmptyInput(
  input: string,
  source: InputSource | undefined,
): string | undefined {
  if (source === undefined || source.jobOutputs.length === 0) return undefined;
  const outputs = source.jobOutputs.join(', ');
  const jobs = [...new Set(source.jobOutputs.map((ref) => ref.split('.')[1] ?? ''))];
  return (
    `Input '${input}' is set from ${outputs} (${source.workflow}, job '${source.job}'), and an ` +
    `empty job output explains what arrived: the runner drops a job output whose value contains ` +
    `a masked secret (the log of job ${jobs.map((j) => `'${j}'`).join(', ')} then says ` +
    `"Skip output '…' since it may contain secret"), and so it does for an output left empty.`
  );
}
