// Reads what ECS really runs, straight from the simulator's ECS API (the simulator does not check
// signatures, so a plain awsJson1_1 POST is enough and no SDK client is left open).

const ECS_TARGET = 'AmazonEC2ContainerServiceV20141113';

async function ecs(endpoint: string, operation: string, body: unknown): Promise<unknown> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `${ECS_TARGET}.${operation}`,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`ecs:${operation} answered ${String(response.status)}: ${text}`);
  return JSON.parse(text) as unknown;
}

interface TaskList {
  readonly taskArns?: readonly string[];
}

interface TaskDescriptions {
  readonly tasks?: readonly {
    readonly lastStatus?: string;
    readonly containers?: readonly { readonly imageDigest?: string }[];
  }[];
}

/** The image digests of a service's RUNNING tasks, sorted and without repeats. */
export async function runningDigests(
  endpoint: string,
  cluster: string,
  service: string,
): Promise<string[]> {
  const list = (await ecs(endpoint, 'ListTasks', {
    cluster,
    serviceName: service,
    desiredStatus: 'RUNNING',
  })) as TaskList;
  const arns = list.taskArns ?? [];
  if (arns.length === 0) return [];
  const described = (await ecs(endpoint, 'DescribeTasks', {
    cluster,
    tasks: arns,
  })) as TaskDescriptions;
  const digests = (described.tasks ?? [])
    .filter((task) => task.lastStatus === 'RUNNING')
    .flatMap((task) => (task.containers ?? []).map((c) => c.imageDigest ?? ''))
    .filter((digest) => digest !== '');
  return [...new Set(digests)].sort();
}
