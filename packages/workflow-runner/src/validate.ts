import { parseWorkflowFile, type Problem } from './load.js';

export { formatProblem, type Problem } from './load.js';
export type { PolicyOptions } from './policy.js';
import { checkMaskedOutputs } from './masked-outputs.js';
import { checkPolicy, type PolicyOptions } from './policy.js';

/**
 * Checks a workflow file for CI: GitHub's parser (schema, allowed contexts, job graph), then the
 * policy checks (pinned actions, minimal permissions, no untrusted input pasted into `run:`), then
 * the job outputs the runner would drop for carrying a masked value. An empty list means the file
 * is clean.
 */
export async function validateWorkflow(
  file: string,
  options: PolicyOptions & { readonly content?: string } = {},
): Promise<Problem[]> {
  const { workflow, problems } = await parseWorkflowFile(file, options.content);
  if (workflow === undefined) return [...problems];
  const policy = checkPolicy(file, workflow.root, options);
  const masked = checkMaskedOutputs(file, workflow.root);
  return [...problems, ...policy, ...masked].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
