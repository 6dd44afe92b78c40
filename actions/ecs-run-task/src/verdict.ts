import type { Task } from '@aws-sdk/client-ecs';
import { describeStop } from '@ecs-deploy/deployment';

/** How a one-off task ended, judged from its STOPPED description. */
export interface RunVerdict {
  readonly ok: boolean;
  /** The exit code of the container that ran the command, when it has one. */
  readonly exitCode?: number;
  readonly stopCode: string;
  readonly stoppedReason: string;
  /** One sentence: what happened, naming the container, exit code, stop code and reason. */
  readonly message: string;
  readonly hint?: string;
}

/** What to check, by the start of a stopped reason (README Troubleshooting has the long form). */
const HINTS: readonly [RegExp, string][] = [
  [
    /^CannotPullContainerError/,
    'The image could not be pulled: check that the digest exists in this account and region, that the execution role may pull it (ecr:GetAuthorizationToken, ecr:BatchGetImage), and that private subnets reach ECR (NAT gateway or VPC endpoints).',
  ],
  [
    /^ResourceInitializationError: .*secret/i,
    'A secret could not be read at start: the execution role needs secretsmanager:GetSecretValue / ssm:GetParameters on it, and a valueFrom that names a JSON key must end with "::" (arn:…:secret:name-AbCdEf:key::).',
  ],
  [
    /^ResourceInitializationError/,
    'ECS could not prepare the task (secrets, registry auth or logs): the reason names the call that failed.',
  ],
  [
    /OutOfMemoryError/,
    'The container was killed for memory: raise the task or container memory, or lower the command’s use.',
  ],
];

function hintFor(text: string): string | undefined {
  return HINTS.find(([pattern]) => pattern.test(text))?.[1];
}

/**
 * Success only when the task stopped because its essential containers exited and every one of
 * them exited 0; anything else fails, naming the container, its exit code, the stop code and the
 * reason.
 */
export function judgeStoppedTask(
  task: Task,
  container: string,
  essential: readonly string[],
): RunVerdict {
  const stopCode = task.stopCode ?? '';
  const stoppedReason = task.stoppedReason ?? '';
  const containers = task.containers ?? [];
  const ours = containers.find((c) => c.name === container);
  const exitCode = ours?.exitCode;
  const base = {
    stopCode,
    stoppedReason,
    ...(exitCode === undefined ? {} : { exitCode }),
  };
  const id = (task.taskArn ?? '').split('/').pop() ?? '';
  const stop = describeStop(task);
  if (stopCode === 'EssentialContainerExited') {
    const bad = containers.filter((c) => essential.includes(c.name ?? '') && c.exitCode !== 0);
    if (bad.length === 0)
      return { ...base, ok: true, message: `Task ${id}: container '${container}' exited 0.` };
    const first = bad.find((c) => c.name === container) ?? bad[0];
    const code = first?.exitCode === undefined ? 'no exit code' : `exit code ${first.exitCode}`;
    const reason = first?.reason ? ` (${first.reason})` : '';
    const hint = hintFor(first?.reason ?? '');
    return {
      ...base,
      ok: false,
      message: `Task ${id}: essential container '${first?.name ?? '?'}' ended with ${code}${reason}; stop code ${stopCode}: ${stoppedReason}.`,
      ...(hint === undefined ? {} : { hint }),
    };
  }
  const hint = hintFor(stoppedReason);
  const what =
    stopCode === 'TaskFailedToStart'
      ? 'failed to start'
      : stopCode === 'UserInitiated'
        ? 'was stopped by StopTask before its command finished'
        : 'stopped before its command finished';
  return {
    ...base,
    ok: false,
    message: `Task ${id} ${what}: stop code ${stopCode || 'none'}: ${stop}.`,
    ...(hint === undefined ? {} : { hint }),
  };
}

/** A task this action stopped because it ran past `timeout`. */
export function timedOutVerdict(task: Task, container: string, timeout: string): RunVerdict {
  const exitCode = task.containers?.find((c) => c.name === container)?.exitCode;
  const id = (task.taskArn ?? '').split('/').pop() ?? '';
  return {
    ok: false,
    stopCode: task.stopCode ?? '',
    stoppedReason: task.stoppedReason ?? '',
    ...(exitCode === undefined ? {} : { exitCode }),
    message: `Task ${id} ran longer than the timeout (${timeout}) and was stopped with StopTask.`,
    hint: 'Raise `timeout` if the command needs longer.',
  };
}
