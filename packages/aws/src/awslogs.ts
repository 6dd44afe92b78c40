// Where the awslogs driver sends a container's output, and where to look at it: shared by
// ecs-run-task (which follows its task's stream) and the deployment follower (which reads the
// last lines of a stopped task's containers). See docs/aws-behaviour.md#one-off-tasks.

/** A container's awslogs destination, from its task definition's logConfiguration. */
export interface AwslogsTarget {
  readonly group: string;
  /** awslogs-region; absent: the cluster's region. */
  readonly region?: string;
  readonly streamPrefix?: string;
}

/**
 * The awslogs destination of a `logConfiguration` (as in a task definition file or
 * DescribeTaskDefinition's answer); undefined for another driver or without `awslogs-group`.
 */
export function awslogsTarget(logConfiguration: unknown): AwslogsTarget | undefined {
  if (typeof logConfiguration !== 'object' || logConfiguration === null) return undefined;
  const { logDriver, options } = logConfiguration as { logDriver?: unknown; options?: unknown };
  if (logDriver !== 'awslogs' || typeof options !== 'object' || options === null) return undefined;
  const o = options as Record<string, unknown>;
  const group = o['awslogs-group'];
  if (typeof group !== 'string' || group === '') return undefined;
  const region = o['awslogs-region'];
  const prefix = o['awslogs-stream-prefix'];
  return {
    group,
    ...(typeof region === 'string' && region !== '' ? { region } : {}),
    ...(typeof prefix === 'string' && prefix !== '' ? { streamPrefix: prefix } : {}),
  };
}

/** `<prefix>/<container>/<task-id>`: the stream the awslogs driver writes a task's container to. */
export function logStreamName(logs: AwslogsTarget, container: string, taskId: string): string {
  return [logs.streamPrefix, container, taskId].filter((p) => p !== undefined).join('/');
}

/** The CloudWatch console's address of a log stream (its fragment escapes `%` as `$25`). */
export function logConsoleUrl(region: string, group: string, stream: string): string {
  const twice = (s: string): string => encodeURIComponent(encodeURIComponent(s)).replace(/%/g, '$');
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${twice(group)}/log-events/${twice(stream)}`;
}
