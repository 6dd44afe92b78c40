import { fileURLToPath } from 'node:url';
import { runWorkflow } from '../src/index.js';
import type { JobRecord, RunWorkflowOptions, StepRecord, WorkflowRunResult } from '../src/index.js';

/** The path of a fixture workflow. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

/** A 12-digit account id stored as a secret, as many teams do. */
export const ACCOUNT_ID = '123456789012';

/** Runs a fixture with a fixed identity so results are deterministic. */
export function runFixture(
  name: string,
  options: Omit<RunWorkflowOptions, 'file'> = {},
): Promise<WorkflowRunResult> {
  return runWorkflow({
    stepTimeoutMs: 30_000,
    ...options,
    file: fixture(name),
    github: { sha: '10683f6edf72a951e1057f6f3bb713373cf08333', ...options.github },
  });
}

/** A job of a result, failing clearly when absent. */
export function job(result: WorkflowRunResult, id: string): JobRecord {
  const found = result.jobs[id];
  if (found === undefined)
    throw new Error(`no job ${id} in ${Object.keys(result.jobs).join(', ')}`);
  return found;
}

/** A step of a job by id, failing clearly when absent. */
export function step(record: JobRecord, id: string): StepRecord {
  const found = record.steps.find((s) => s.id === id);
  if (found === undefined)
    throw new Error(`no step ${id} in ${record.steps.map((s) => s.id).join(', ')}`);
  return found;
}
