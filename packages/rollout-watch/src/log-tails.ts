// The AWS side of the stopped tasks' last log lines: each picked task's task definition (once per
// ARN), its essential containers that log with awslogs, and the last lines of each one's stream.
// Nothing here changes a verdict: a read that fails is one warning, then the next.
import { AwsError, awslogsTarget, logConsoleUrl, logStreamName } from '@ecs-deploy/aws';
import type { EcsApi, LogsApi } from '@ecs-deploy/aws';
import {
  stoppedTaskLine,
  taskIdOf,
  logTailHeading,
  type ContainerLogTail,
  type LogTaskPick,
} from '@ecs-deploy/deployment';
import type { Logger } from '@ecs-deploy/action-kit';

/** What reading the tails needs. */
export interface LogTailDeps {
  readonly ecs: Pick<EcsApi, 'describeTaskDefinition'>;
  /** CloudWatch Logs in a region (a container's awslogs-region may differ from the cluster's). */
  readonly logsIn: (region: string) => Pick<LogsApi, 'getLogEvents'>;
  /** The cluster's region: where awslogs writes when the container names none. */
  readonly region: string;
  readonly warning: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** An essential container that logs with awslogs, as its task definition says. */
export interface LoggedContainer {
  readonly name: string;
  readonly group: string;
  readonly region?: string;
  readonly streamPrefix?: string;
}

/** The essential containers of a task definition that log with awslogs, in definition order. */
export function loggedEssentialContainers(definition: unknown): LoggedContainer[] {
  const list = (definition as { containerDefinitions?: unknown } | undefined)?.containerDefinitions;
  if (!Array.isArray(list)) return [];
  return list.flatMap((c: unknown) => {
    if (typeof c !== 'object' || c === null) return [];
    const o = c as { name?: unknown; essential?: unknown; logConfiguration?: unknown };
    if (typeof o.name !== 'string' || o.essential === false) return [];
    const target = awslogsTarget(o.logConfiguration);
    return target === undefined ? [] : [{ name: o.name, ...target }];
  });
}

/** The last `n` lines of log events, oldest first (an event may hold several lines). */
export function lastLines(messages: readonly string[], n: number): string[] {
  const lines = messages.flatMap((m) => m.replace(/\r?\n$/, '').split(/\r?\n/));
  return n <= 0 ? [] : lines.slice(-n);
}

/** Fatal for every further call of the same IAM action: retrying the next task is pointless. */
function blocksTheRest(error: unknown): boolean {
  return (
    error instanceof AwsError &&
    (error.kind === 'access-denied' ||
      error.kind === 'expired-credentials' ||
      error.kind === 'invalid-credentials' ||
      error.kind === 'no-credentials')
  );
}

/** The warning for a read that failed: what was not read, why, and the IAM action it needs. */
export function unreadableWarning(what: string, operation: string, error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  const allow =
    error instanceof AwsError && error.kind === 'access-denied'
      ? ` Allow ${operation} to see them here.`
      : '';
  return `Could not read the last log lines of ${what} (${operation}): ${why}${allow} The verdict does not depend on them.`;
}

/**
 * Reads the last `lines` lines of each essential awslogs container of the picked tasks, by the
 * pick's group index. A failed read warns once per IAM action and error code, and a denied
 * one stops further calls of that action.
 */
export async function readLogTails(
  deps: LogTailDeps,
  picks: readonly LogTaskPick[],
  lines: number,
): Promise<Map<number, ContainerLogTail[]>> {
  const tails = new Map<number, ContainerLogTail[]>();
  if (lines <= 0) return tails;
  const definitions = new Map<string, Promise<LoggedContainer[]>>();
  const blocked = new Set<string>();
  const warned = new Set<string>();
  const fail = (what: string, operation: string, error: unknown): void => {
    if (blocksTheRest(error)) blocked.add(operation);
    const code = error instanceof AwsError ? error.code : 'error';
    if (warned.has(`${operation} ${code}`)) return;
    warned.add(`${operation} ${code}`);
    deps.warning(unreadableWarning(what, operation, error));
  };
  const aborted = (): boolean => deps.signal?.aborted === true;
  for (const { group, task } of picks) {
    // Without GetLogEvents there is nothing left to read for.
    if (aborted() || blocked.has('logs:GetLogEvents')) break;
    const arn = task.taskDefinitionArn ?? '';
    const taskId = taskIdOf(task);
    const describe = 'ecs:DescribeTaskDefinition';
    if (blocked.has(describe)) continue;
    let containers: LoggedContainer[];
    try {
      let pending = definitions.get(arn);
      if (pending === undefined) {
        pending = deps.ecs
          .describeTaskDefinition({ taskDefinition: arn })
          .then((answer) => loggedEssentialContainers(answer.taskDefinition));
        definitions.set(arn, pending);
      }
      containers = await pending;
    } catch (error) {
      fail(`task ${taskId.slice(0, 8)}`, describe, error);
      continue;
    }
    const read: ContainerLogTail[] = [];
    for (const container of containers) {
      const get = 'logs:GetLogEvents';
      if (blocked.has(get) || aborted()) break;
      const region = container.region ?? deps.region;
      const stream = logStreamName(container, container.name, taskId);
      try {
        const answer = await deps.logsIn(region).getLogEvents({
          logGroupName: container.group,
          logStreamName: stream,
          startFromHead: false,
          limit: lines,
        });
        read.push({
          taskId,
          container: container.name,
          logGroup: container.group,
          logStream: stream,
          lines: lastLines(
            (answer.events ?? []).map((e) => e.message ?? ''),
            lines,
          ),
          url: logConsoleUrl(region, container.group, stream),
        });
      } catch (error) {
        fail(`${container.name} in task ${taskId.slice(0, 8)}`, get, error);
      }
    }
    if (read.length > 0) tails.set(group, read);
  }
  return tails;
}

/**
 * Prints each picked task's tails in a log group titled with its stopped-task line, the
 * containers' text written verbatim (the runner obeys no command in it).
 */
export async function printLogTails(
  log: Logger,
  picks: readonly LogTaskPick[],
  tails: ReadonlyMap<number, readonly ContainerLogTail[]>,
): Promise<void> {
  for (const { group, task } of picks) {
    const found = tails.get(group);
    if (found === undefined || found.length === 0) continue;
    await log.group(`${stoppedTaskLine(task)} — last log lines`, () =>
      log.verbatim(async (write) => {
        for (const tail of found) {
          write(`${logTailHeading(tail)}:`);
          for (const line of tail.lines) write(line);
          if (tail.url !== undefined) write(`(${tail.url})`);
        }
        return Promise.resolve();
      }),
    );
  }
}
