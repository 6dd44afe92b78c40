// After a failing verdict, the last log lines of a few stopped tasks say what the exit code does
// not: the traceback, the crash message. Which tasks to read, and where their lines go in the
// result; the reading itself is the AWS side's (rollout-watch).
import type { FollowResult } from './result.js';
import { groupKey, groupKeyOf, isFailedTask, launchedBy } from './stopped-tasks.js';
import type { TaskObservation } from './types.js';
import type { ContainerLogTail, Reasons, TerminalVerdict } from './verdict.js';

/** At most this many tasks have their logs read: one per stopped-reason group. */
export const MAX_LOG_TASKS = 3;

/** A stopped task to read the logs of, and the index of the reason group it stands for. */
export interface LogTaskPick {
  group: number;
  task: TaskObservation;
}

/** The id of a task: the last part of its ARN. */
export function taskIdOf(task: TaskObservation): string {
  return (task.taskArn ?? '').split('/').pop() ?? '';
}

function stoppedAtMs(task: TaskObservation): number {
  return task.stoppedAt === undefined ? 0 : task.stoppedAt.getTime();
}

/**
 * The tasks whose logs explain a failing wait (`failed` or `rolled-back`): for each stopped-reason
 * group, in the order the summary lists them, the last-stopped task among `tasks` that is of our
 * deployment and of that group; at most `max` in all. None for any other outcome.
 */
export function pickLogTasks(
  result: Pick<FollowResult, 'outcome' | 'reasons' | 'deployment'>,
  tasks: readonly TaskObservation[],
  max: number = MAX_LOG_TASKS,
): LogTaskPick[] {
  if (result.outcome !== 'failed' && result.outcome !== 'rolled-back') return [];
  const ours = result.deployment;
  const candidates = tasks.filter(
    (t) =>
      t.taskArn !== undefined &&
      t.taskDefinitionArn !== undefined &&
      isFailedTask(t) &&
      (ours === undefined || launchedBy(t, ours)),
  );
  const picks: LogTaskPick[] = [];
  result.reasons.stoppedTasks.forEach((group, index) => {
    if (picks.length >= max) return;
    const key = groupKeyOf(group);
    let best: TaskObservation | undefined;
    for (const task of candidates) {
      if (groupKey(task) !== key) continue;
      if (best === undefined || stoppedAtMs(task) >= stoppedAtMs(best)) best = task;
    }
    if (best !== undefined) picks.push({ group: index, task: best });
  });
  return picks;
}

/** `result` with the tails read for each group (by group index) in its reasons. */
export function withLogTails(
  result: FollowResult,
  tails: ReadonlyMap<number, readonly ContainerLogTail[]>,
): FollowResult {
  if (tails.size === 0) return result;
  const reasons: Reasons = {
    ...result.reasons,
    stoppedTasks: result.reasons.stoppedTasks.map((group, index) => {
      const found = tails.get(index);
      return found === undefined || found.length === 0
        ? group
        : { ...group, logLines: found.map((t) => ({ ...t, lines: [...t.lines] })) };
    }),
  };
  const verdict: TerminalVerdict | undefined =
    result.verdict !== undefined && 'reasons' in result.verdict
      ? { ...result.verdict, reasons }
      : result.verdict;
  return { ...result, reasons, ...(verdict === undefined ? {} : { verdict }) };
}

/** The line above a container's last lines: `app in task 0123abcd, last 2 lines (/ecs/web web/app/0123…)`. */
export function logTailHeading(tail: ContainerLogTail): string {
  const count =
    tail.lines.length === 0
      ? 'no lines in its log stream'
      : `last ${tail.lines.length} ${tail.lines.length === 1 ? 'line' : 'lines'}`;
  return `${tail.container} in task ${tail.taskId.slice(0, 8)}, ${count} (${tail.logGroup} ${tail.logStream})`;
}
