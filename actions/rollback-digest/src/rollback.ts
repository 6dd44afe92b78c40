import { ActionError } from '@ecs-deploy/action-kit';
import type { FollowResult } from '@ecs-deploy/deployment';
import { deploy } from './deploy.js';
import type { RollbackInputs } from './inputs.js';
import { alreadyThere, type Plan } from './plan.js';
import { planLines, targetLines } from './report.js';
import { resolveRollback } from './resolve.js';
import {
  inProgress,
  primaryId,
  readState,
  settleFirst,
  type RollbackDeps,
  type ServiceState,
} from './state.js';
import type { Target } from './target.js';
import { digestsOf, runningRevision, type DigestMap } from './versions.js';

/** How the rollback ended. */
export interface RollbackResult {
  /** The service already ran (or was already heading for) the target; nothing was deployed. */
  readonly noop: boolean;
  readonly dryRun: boolean;
  readonly target: Target;
  readonly plan: Plan;
  /** Container → digest it replaced. */
  readonly from: DigestMap;
  /** The task definition the service is put on ('' when a dry run would register one). */
  readonly taskDefinitionArn: string;
  /** The wait's verdict, when waiting was on and something was followed. */
  readonly follow?: FollowResult;
  /** The commit the target was deployed from (its revision's `ecs-deploy:commit` tag). */
  readonly commit?: string;
}

function arrived(state: ServiceState, target: Target, plan: Plan): boolean {
  const running = digestsOf(runningRevision(state.history));
  return alreadyThere(running, state.service.taskDefinition, target, plan);
}

/**
 * Rolls the service back: reads the history, settles a deployment in progress, chooses the
 * target and plans, and only then changes anything (stop, register, update), then follows.
 */
export async function rollback(
  inputs: RollbackInputs,
  deps: RollbackDeps,
): Promise<RollbackResult> {
  const { ecs, log } = deps;
  const { dryRun } = inputs;
  const reread = (): Promise<ServiceState> => readState(ecs, inputs.cluster, inputs.service);
  const first = await reread();
  let state = await settleFirst(first, inputs, reread, deps);
  const resolved = await resolveRollback(inputs, state, ecs);
  const { target, plan, liveArn } = resolved;
  for (const line of targetLines(inputs, resolved)) log.info(line);
  if (plan.mode === 'digest') for (const w of plan.warnings) log.warning(w);
  const done = (
    how: Pick<RollbackResult, 'noop' | 'taskDefinitionArn'> & { follow?: FollowResult },
  ): RollbackResult => ({
    dryRun,
    target,
    plan,
    from: resolved.from,
    ...(resolved.commit === undefined ? {} : { commit: resolved.commit }),
    ...how,
  });
  const followPrimary = async (s: ServiceState): Promise<{ follow?: FollowResult }> =>
    inputs.wait && !dryRun ? { follow: await deps.follow(primaryId(s.service) ?? '') } : {};

  if (arrived(state, target, plan)) {
    log.info(
      inProgress(state)
        ? 'the deployment in progress already goes to the target: following it'
        : 'the service already runs the target digests: nothing to roll back',
    );
    return done({ noop: true, taskDefinitionArn: liveArn, ...(await followPrimary(state)) });
  }
  if (inProgress(state) && inputs.ifInProgress === 'stop') {
    const open = state.history.records[0];
    if (open?.status !== 'IN_PROGRESS')
      throw new ActionError(
        'A deployment is in progress but ECS lists no IN_PROGRESS service deployment to stop.',
      );
    const call = `StopServiceDeployment(${open.arn}, stopType ROLLBACK)`;
    if (dryRun) {
      log.info(`dry run: would stop the deployment in progress with ECS's rollback: ${call}`);
    } else {
      log.info(`stopping the deployment in progress with ECS's rollback: ${call}`);
      await ecs.stopServiceDeployment({ serviceDeploymentArn: open.arn, stopType: 'ROLLBACK' });
      state = await reread();
      if (arrived(state, target, plan)) {
        log.info("ECS's rollback goes to the target digests: following it");
        const arn = state.service.taskDefinition ?? '';
        return done({ noop: false, taskDefinitionArn: arn, ...(await followPrimary(state)) });
      }
    }
  }
  for (const line of planLines(inputs, plan, liveArn, dryRun)) log.info(line);
  if (dryRun) {
    log.info('dry run: nothing was changed');
    const arn = plan.mode === 'revision' ? plan.taskDefinitionArn : '';
    return done({ noop: false, taskDefinitionArn: arn });
  }
  const deployed = await deploy(inputs, resolved, deps);
  return done({
    noop: false,
    taskDefinitionArn: deployed.taskDefinitionArn,
    ...(inputs.wait ? { follow: await deps.follow(deployed.deploymentId) } : {}),
  });
}
