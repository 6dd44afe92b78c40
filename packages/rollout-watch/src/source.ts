import type { EcsApi, ElbApi } from '@ecs-deploy/aws';
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
  readonly cluster: string;
  readonly service: string;
  /** One HTTP health probe, when a health URL is configured. */
  readonly probe?: (signal?: AbortSignal) => Promise<ProbeResult>;
  /** Told every stopped task read, e.g. to read the logs of some after a failure. */
  readonly onStoppedTasks?: (tasks: readonly TaskObservation[]) => void;
}

/**
 * The follower's source over ECS and ELBv2 (ECS's deployment history only when our deployment is
 * not listed). Errors are the aws package's classified AwsError,
 * which the driver retries (throttling, 5xx, network) or stops on (denied, expired, not found).
 */
export function awsDeploymentSource(options: SourceOptions): DeploymentSource {
  const { ecs, elb, cluster, service } = options;
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
      const described = await ecs.describeTasks({ cluster, tasks: arns });
      const tasks = (described.tasks ?? []).filter(
        (task) =>
          since === undefined || task.stoppedAt === undefined || task.stoppedAt.getTime() >= since,
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
  if (elb !== undefined) {
    source.targetHealth = async (arns) =>
      Promise.all(
        arns.map(async (targetGroupArn) => ({
          targetGroupArn,
          targets: await elb.targetHealth(targetGroupArn),
        })),
      );
  }
  if (options.probe !== undefined) source.probe = options.probe;
  return source;
}
