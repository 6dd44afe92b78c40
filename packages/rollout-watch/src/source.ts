import type { CloudWatchApi, EcsApi, ElbApi } from '@ecs-deploy/aws';
import type {
  DeploymentSource,
  ProbeResult,
  ServiceDeploymentObservation,
  ServiceLookup,
  TaskObservation,
} from '@ecs-deploy/deployment';

/** The service a deployment belongs to, and what can be read about it. */
export interface SourceOptions {
  readonly ecs: EcsApi;
  /** Present when target health is to be read. */
  readonly elb?: ElbApi;
  /** Present when the service's deployment alarms are to be read (DescribeAlarms). */
  readonly cloudwatch?: CloudWatchApi;
  readonly cluster: string;
  readonly service: string;
  /** One HTTP health probe, when a health URL is configured. */
  readonly probe?: (signal?: AbortSignal) => Promise<ProbeResult>;
  /** Told every stopped task read, e.g. to read the logs of some after a failure. */
  readonly onStoppedTasks?: (tasks: readonly TaskObservation[]) => void;
}

/**
 * The follower's source over ECS, ELBv2 and CloudWatch (ECS's deployment history only when our
 * deployment is not listed; DescribeAlarms only for a service with deployment alarms;
 * DescribeServiceDeployments only for the lifecycle stage of a native BLUE_GREEN, LINEAR or CANARY
 * deployment). DescribeTasks is asked only about tasks not yet seen STOPPED. Errors are the aws
 * package's classified AwsError, which the driver retries (throttling, 5xx, network) or stops on
 * (denied, expired, not found).
 */
export function awsDeploymentSource(options: SourceOptions): DeploymentSource {
  const { ecs, elb, cluster, service } = options;
  const stopped = new Map<string, TaskObservation>();
  const source: DeploymentSource = {
    describeService: async (): Promise<ServiceLookup> => {
      const answer = await ecs.describeServices({ cluster, services: [service] });
      const found = answer.services?.[0];
      if (found !== undefined) return { service: found };
      return { missing: answer.failures?.[0] ?? { reason: 'MISSING' } };
    },
    describeStoppedTasks: async ({ deploymentId, since }): Promise<readonly TaskObservation[]> => {
      const listed = await ecs.listTasks({
        cluster,
        startedBy: deploymentId,
        desiredStatus: 'STOPPED',
        maxResults: 100,
      });
      const arns = listed.taskArns ?? [];
      if (arns.length === 0) return [];
      // A STOPPED task never changes again: describe only the ones not yet seen in that state.
      const unknown = arns.filter((arn) => !stopped.has(arn));
      const fresh = new Map<string, TaskObservation>();
      if (unknown.length > 0) {
        const described = await ecs.describeTasks({ cluster, tasks: unknown });
        for (const [i, task] of (described.tasks ?? []).entries()) {
          fresh.set(task.taskArn ?? `#${i}`, task);
          if (task.taskArn !== undefined && task.lastStatus === 'STOPPED') {
            stopped.set(task.taskArn, task);
          }
        }
      }
      // Described now and known from before, in ListTasks order (any task whose ARN is not
      // listed as such, e.g. in another ARN format, after them: it is still returned).
      const known = arns.flatMap((arn) => stopped.get(arn) ?? []);
      const rank = new Map(arns.map((arn, i) => [arn, i]));
      const at = (t: TaskObservation): number => rank.get(t.taskArn ?? '') ?? arns.length;
      const tasks = [...fresh.values(), ...known.filter((t) => !fresh.has(t.taskArn ?? ''))]
        .sort((a, b) => at(a) - at(b))
        .filter(
          (task) =>
            since === undefined ||
            task.stoppedAt === undefined ||
            task.stoppedAt.getTime() >= since,
        );
      options.onStoppedTasks?.(tasks);
      return tasks;
    },
  };
  source.deploymentHistory = async (): Promise<readonly ServiceDeploymentObservation[]> => {
    // One page (newest first) is plenty: a superseded deployment is among the last few.
    const listed = await ecs.listServiceDeployments({ cluster, service, maxResults: 20 });
    const briefs = listed.serviceDeployments ?? [];
    const revisionArns = [...new Set(briefs.flatMap((b) => b.targetServiceRevisionArn ?? []))];
    const revisions =
      revisionArns.length === 0
        ? []
        : ((await ecs.describeServiceRevisions({ serviceRevisionArns: revisionArns }))
            .serviceRevisions ?? []);
    const taskDefinitionOf = new Map(
      revisions.map((r) => [r.serviceRevisionArn, r.taskDefinition]),
    );
    return briefs.map((b) => {
      const taskDefinition = taskDefinitionOf.get(b.targetServiceRevisionArn);
      return taskDefinition === undefined ? b : { ...b, taskDefinition };
    });
  };
  // Native strategies only (the follower asks for nothing else): one record, one call.
  source.serviceDeploymentStage = async (arn): Promise<string | undefined> => {
    const answer = await ecs.describeServiceDeployments({ serviceDeploymentArns: [arn] });
    return answer.serviceDeployments?.[0]?.lifecycleStage;
  };
  if (elb !== undefined) {
    source.targetHealth = async (arns) =>
      Promise.all(
        arns.map(async (targetGroupArn) => ({
          targetGroupArn,
          targets: await elb.targetHealth(targetGroupArn),
        })),
      );
  }
  const { cloudwatch } = options;
  if (cloudwatch !== undefined) {
    source.describeAlarms = async (alarmNames) => cloudwatch.describeAlarms(alarmNames);
  }
  if (options.probe !== undefined) source.probe = options.probe;
  return source;
}
