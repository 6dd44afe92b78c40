import { ActionError } from '@ecs-deploy/action-kit';
import type { Problem } from '@ecs-deploy/task-definition';

/** Which input an edit path (`edits.…`, as the task-definition package reports it) came from. */
export function inputOfEdit(path: string): string | undefined {
  const rules: [RegExp, string][] = [
    [/^edits\.cpu/, 'cpu'],
    [/^edits\.memory/, 'memory'],
    [/^edits\.taskRoleArn/, 'task-role-arn'],
    [/^edits\.executionRoleArn/, 'execution-role-arn'],
    [/^edits\.images/, 'containers'],
    [/^edits\.containers\[\d+\]\.image/, 'image'],
    [/^edits\.containers\[\d+\]\.containerName/, 'container-name'],
    [/^edits\.containers\[\d+\]\.environmentFiles/, 'env-files'],
    [/^edits\.containers\[\d+\]\.environment/, 'environment-variables'],
    [/^edits\.containers\[\d+\]\.secrets/, 'secrets'],
    [/^edits\.containers\[\d+\]\.logConfiguration/, 'log-driver'],
    [/^edits\.containers\[\d+\]\.dockerLabels/, 'docker-labels'],
    [/^edits\.containers\[\d+\]\.command/, 'command'],
  ];
  return rules.find(([pattern]) => pattern.test(path))?.[1];
}

/**
 * The error for edits that could not be applied, in terms of the inputs the user wrote rather
 * than the package's internal `edits.…` paths.
 */
export function editsError(problems: readonly Problem[]): ActionError {
  const lines = problems
    .filter((p) => p.severity === 'error')
    .map((p) => {
      const input = inputOfEdit(p.path);
      return `Input '${input ?? p.path}': ${p.message}${p.fix === undefined ? '' : ` (${p.fix})`}`;
    });
  return new ActionError(lines.join('\n'));
}

/** Names of the entries an input put into a container list (secrets, environment). */
export interface InputEntries {
  readonly container?: string;
  readonly secrets: ReadonlySet<string>;
  readonly environment: ReadonlySet<string>;
  /** The log inputs that were set (`log-driver`, `log-options`, `awslogs-group`, …). */
  readonly logInputs: ReadonlySet<string>;
}

/** The log input a logConfiguration path came from, among those that were set. */
function logInputOf(rest: string, set: ReadonlySet<string>): string | undefined {
  const option = /^\.options\.(awslogs-group|awslogs-region|awslogs-stream-prefix)/.exec(rest)?.[1];
  const candidates = rest.startsWith('.logDriver')
    ? ['log-driver', 'awslogs-group']
    : option !== undefined
      ? [option, 'log-options']
      : ['log-options'];
  return candidates.find((name) => set.has(name));
}

/**
 * Adds "from Input '…'" to problems in the rendered definition that sit on an entry an input
 * set, so a bad `secrets:` line is reported as that input's, not as the file's.
 */
export function attributeProblems(
  problems: readonly Problem[],
  containers: readonly { name?: unknown; secrets?: unknown; environment?: unknown }[],
  entries: InputEntries,
): Problem[] {
  return problems.map((problem) => {
    const log = /^containerDefinitions\[(\d+)\]\.logConfiguration(.*)$/.exec(problem.path);
    if (log !== null) {
      const container = containers[Number(log[1])];
      const mine =
        container !== undefined &&
        (entries.container === undefined || container.name === entries.container);
      const input = mine ? logInputOf(log[2] ?? '', entries.logInputs) : undefined;
      return input === undefined
        ? problem
        : { ...problem, message: `${problem.message} (from Input '${input}')` };
    }
    const match = /^containerDefinitions\[(\d+)\]\.(secrets|environment)\[(\d+)\]/.exec(
      problem.path,
    );
    if (match === null) return problem;
    const container = containers[Number(match[1])];
    if (
      container === undefined ||
      (entries.container !== undefined && container.name !== entries.container)
    )
      return problem;
    const list = container[match[2] as 'secrets' | 'environment'];
    const entry = Array.isArray(list)
      ? (list[Number(match[3])] as { name?: unknown } | undefined)
      : undefined;
    const names = match[2] === 'secrets' ? entries.secrets : entries.environment;
    if (typeof entry?.name !== 'string' || !names.has(entry.name)) return problem;
    const input = match[2] === 'secrets' ? 'secrets' : 'environment-variables';
    return { ...problem, message: `${problem.message} (from Input '${input}', ${entry.name})` };
  });
}
