import { describeTaskDefinitionDocument, type EcsApi } from '@ecs-deploy/aws';
import {
  degradedWindow,
  findRollbackDeployment,
  rollbackResultOf,
  rollbackRevision,
  type Clock,
  type FollowResult,
  type RollbackConfirmation,
  type RollbackRevision,
  type ServiceObservation,
} from '@ecs-deploy/deployment';

/** What confirming a rollback needs; followDeployment hands in the AWS-backed ones. */
export interface RollbackDeps {
  readonly ecs: EcsApi;
  readonly clock: Clock;
  readonly warning: (line: string) => void;
  /** DescribeServices, when the verdict did not see the rollback deployment. */
  readonly readService: () => Promise<ServiceObservation | undefined>;
  /**
   * Follows one deployment with the same engine and settings, bounded by rollback-timeout;
   * service events before `eventsSince` (ECS time, ms) were told already.
   */
  readonly follow: (deploymentId: string, eventsSince?: number) => Promise<FollowResult>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * After a rolled-back result: finds ECS's rollback deployment, follows it to its own verdict, and
 * reads the revision it runs (DescribeTaskDefinition with its tags). Never throws for AWS trouble:
 * an unreadable revision is a warning and leaves its images and commit out.
 */
export async function confirmRollback(
  deps: RollbackDeps,
  result: FollowResult,
  firstStoppedSeenAt: number | undefined,
): Promise<RollbackConfirmation> {
  let deployment = findRollbackDeployment(result);
  if (deployment === undefined) {
    try {
      deployment = findRollbackDeployment(result, await deps.readService());
    } catch (error) {
      deps.warning(
        `could not read the service to find ECS's rollback deployment: ${message(error)}`,
      );
    }
  }
  if (deployment === undefined) {
    return {
      result: 'failed',
      ...degradedWindow(result.startedAt, firstStoppedSeenAt, deps.clock.now()),
      detail: 'no deployment other than ours is PRIMARY',
    };
  }
  // ECS's rolling rollback is a new deployment, whose events all come after ours; a blue/green
  // one puts the blue deployment (same id, older events) back as PRIMARY, so only what happened
  // after it was updated for the rollback is new (the events of that instant were told already).
  const followed = await deps.follow(
    deployment.id,
    deployment.updatedAt === undefined ? undefined : deployment.updatedAt + 1,
  );
  const outcome = rollbackResultOf(followed.outcome);
  const taskDefinitionArn = followed.deployment?.taskDefinition ?? deployment.taskDefinition;
  const revision =
    taskDefinitionArn === undefined ? undefined : await readRevision(deps, taskDefinitionArn);
  const confirmation: RollbackConfirmation = {
    result: outcome,
    deployment: { ...deployment, ...followed.deployment, id: deployment.id },
    ...degradedWindow(result.startedAt, firstStoppedSeenAt, followed.endedAt),
    detail: followed.message,
  };
  if (taskDefinitionArn !== undefined) confirmation.taskDefinitionArn = taskDefinitionArn;
  if (revision !== undefined) confirmation.revision = revision;
  return confirmation;
}

/** The revision's containers and trace tags; undefined (with a warning) when it cannot be read. */
async function readRevision(
  deps: RollbackDeps,
  taskDefinitionArn: string,
): Promise<RollbackRevision | undefined> {
  try {
    const { definition, tags } = await describeTaskDefinitionDocument(deps.ecs, taskDefinitionArn);
    return rollbackRevision(taskDefinitionArn, definition, tags);
  } catch (error) {
    deps.warning(
      `the rollback's revision ${taskDefinitionArn} could not be read (ecs:DescribeTaskDefinition), so its images and commit are not reported: ${message(error)}`,
    );
    return undefined;
  }
}
