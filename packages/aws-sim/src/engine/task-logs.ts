import type { ContainerImageResolution, Task, TaskLogStream } from '../state/model.js';
import type { World } from '../state/world.js';

const S = 1000;

/**
 * The awslogs stream of each container that logs to CloudWatch: ECS names it
 * `<prefix>/<container>/<task-id>` (docs/aws-behaviour.md#one-off-tasks); without a prefix the
 * simulator uses `<container>/<task-id>`.
 */
export function logStreamsOf(
  containers: readonly ContainerImageResolution[],
  taskId: string,
): TaskLogStream[] {
  return containers.flatMap((c) =>
    c.awslogs
      ? [
          {
            container: c.containerName,
            group: c.awslogs.group,
            stream: [c.awslogs.streamPrefix, c.containerName, taskId]
              .filter((part) => part !== undefined)
              .join('/'),
          },
        ]
      : [],
  );
}

/** One planned log line of a container (pure, for tests). */
export interface PlannedLine {
  timestamp: number;
  message: string;
}

/**
 * The lines a container writes from `runningAt`: its `sim.logs` lines, or a default line per
 * phase (started; exited with its code). The lines come one a second from the start, closer
 * together when the container exits sooner, so all of them are written before the exit.
 */
export function planLines(
  c: ContainerImageResolution,
  runningAt: number,
  exit: { at: number; code?: number } | undefined,
): PlannedLine[] {
  const own = c.logLines;
  if (own) {
    const step = exit ? Math.min(S, Math.floor((exit.at - runningAt) / (own.length + 1))) : S;
    return own.map((message, i) => ({ timestamp: runningAt + step * (i + 1), message }));
  }
  const lines: PlannedLine[] = [
    { timestamp: runningAt, message: `${c.containerName} started from ${c.image}` },
  ];
  if (exit?.code !== undefined)
    lines.push({ timestamp: exit.at, message: `${c.containerName} exited with code ${exit.code}` });
  return lines;
}

/**
 * Writes what a task's containers will log, now that it is RUNNING. Lines planned for later stay
 * invisible until the clock reaches them, and a stop drops those it never reached ({@link
 * silenceLogs}).
 */
export function writeTaskLogs(
  world: World,
  task: Task,
  containers: readonly ContainerImageResolution[],
  t: number,
): void {
  const failure = task.timeline.failure;
  for (const stream of task.logStreams) {
    const c = containers.find((x) => x.containerName === stream.container);
    if (!c) continue;
    const exit =
      failure?.kind === 'exited' && failure.container === c.containerName
        ? { at: failure.at, ...(failure.exitCode !== undefined ? { code: failure.exitCode } : {}) }
        : undefined;
    world.logs.append(stream.group, stream.stream, planLines(c, t, exit), t);
  }
}

/** A stopping task writes nothing after `t`. */
export function silenceLogs(world: World, task: Task, t: number): void {
  for (const s of task.logStreams) world.logs.dropAfter(s.group, s.stream, t);
}
