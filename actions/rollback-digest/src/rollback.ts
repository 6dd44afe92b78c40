import { ActionError } from '@ecs-deploy/action-kit';
import type { EcsApi } from '@ecs-deploy/aws';
import type { FollowResult } from '@ecs-deploy/deployment';
import type { Tag, TaskDefinitionDocument } from '@ecs-deploy/task-definition';
import type { RollbackInputs } from './inputs.js';
import {
  alreadyThere,
  containerImages,
  planDigestMode,
  planRevisionMode,
  type Plan,
} from './plan.js';
import { planLines } from './report.js';
import {
  inProgress,
  primaryId,
  readState,
  settleFirst,
  type RollbackDeps,
  type ServiceState,
} from './state.js';
import { rollbackTags } from './tags.js';
import { chooseExplicit, chooseFromHistory, type Target } from './target.js';
import { digestsOf, runningRevision, type DigestMap } from './versions.js';

/** How the rollback ended. */
export interface RollbackResult {
  /** The service already ran the target; nothing was deployed. */
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
}

type RegisterInput = Parameters<EcsApi['registerTaskDefinition']>[0];

async function describeDefinition(
  ecs: EcsApi,
  arn: string,
): Promise<{ definition: TaskDefinitionDocument; tags: Tag[] }> {
  const answer = await ecs.describeTaskDefinition({ taskDefinition: arn, include: ['TAGS'] });
  // The SDK hands back Dates and undefined members; JSON is the document form the packages use.
  const definition = JSON.parse(
    JSON.stringify(answer.taskDefinition ?? {}),
  ) as TaskDefinitionDocument;
  const tags = (answer.tags ?? []).map((t) => ({ key: t.key ?? '', value: t.value ?? '' }));
  return { definition, tags };
}

function pick(running: DigestMap, wanted: DigestMap): DigestMap {
  return Object.fromEntries(
    Object.keys(wanted).flatMap((k) => (running[k] === undefined ? [] : [[k, running[k]]])),
  );
}

function arrived(state: ServiceState, target: Target, plan: Plan): boolean {
  return alreadyThere(
    digestsOf(runningRevision(state.history)),
    state.service.taskDefinition,
    target,
    plan,
  );
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
  const reread = (): Promise<ServiceState> => readState(ecs, inputs.cluster, inputs.service);
  let state = await reread();
  state = await settleFirst(
    state,
    inputs.ifInProgress,
    inputs.inProgressTimeoutMs,
    inputs.dryRun,
    reread,
    deps,
  );
  const liveArn = state.service.taskDefinition ?? '';
  const live = await describeDefinition(ecs, liveArn);
  const target =
    inputs.target.kind === 'history'
      ? chooseFromHistory(state.history, inputs.target.stepsBack)
      : chooseExplicit(
          state.history,
          inputs.target,
          [...containerImages(live.definition).keys()],
          inputs.force,
        );
  const plan =
    inputs.mode === 'digest'
      ? planDigestMode(live.definition, liveArn, target)
      : planRevisionMode(target);
  const from = pick(digestsOf(runningRevision(state.history)), target.digests);
  for (const line of planLines(inputs, target, from, plan, liveArn)) log.info(line);
  if (plan.mode === 'digest') for (const w of plan.warnings) log.warning(w);
  const done = (
    extra: Partial<RollbackResult> & { taskDefinitionArn: string; noop: boolean },
  ): RollbackResult => ({
    dryRun: inputs.dryRun,
    target,
    plan,
    from,
    ...extra,
  });
  const followPrimary = async (s: ServiceState): Promise<FollowResult | undefined> =>
    inputs.wait && !inputs.dryRun ? deps.follow(primaryId(s.service) ?? '') : undefined;

  if (arrived(state, target, plan) && !inProgress(state)) {
    log.info('the service already runs the target digests: nothing to roll back');
    return done({ noop: true, taskDefinitionArn: liveArn, follow: await followPrimary(state) });
  }
  if (inProgress(state) && inputs.ifInProgress === 'stop') {
    const open = state.history.records[0];
    if (arrived(state, target, plan)) {
      log.info(`the deployment in progress already goes to the target; following it`);
      return done({ noop: true, taskDefinitionArn: liveArn, follow: await followPrimary(state) });
    }
    if (open?.status !== 'IN_PROGRESS')
      throw new ActionError(
        `A deployment is in progress but ECS lists no IN_PROGRESS service deployment to stop.`,
      );
    if (inputs.dryRun) {
      log.info(`dry run: would call StopServiceDeployment(${open.arn}, stopType ROLLBACK)`);
    } else {
      log.info(
        `stopping ${open.arn} with ECS's rollback (StopServiceDeployment, stopType ROLLBACK)`,
      );
      await ecs.stopServiceDeployment({ serviceDeploymentArn: open.arn, stopType: 'ROLLBACK' });
      state = await reread();
      if (arrived(state, target, plan)) {
        log.info("ECS's rollback goes to the target digests; following it");
        return done({
          noop: false,
          taskDefinitionArn: state.service.taskDefinition ?? '',
          follow: await followPrimary(state),
        });
      }
    }
  }
  if (inputs.dryRun) {
    log.info('dry run: nothing was changed');
    return done({
      noop: false,
      taskDefinitionArn: plan.mode === 'revision' ? plan.taskDefinitionArn : '',
    });
  }
  let arn: string;
  if (plan.mode === 'digest') {
    const tags = rollbackTags({
      liveTags: live.tags,
      fromArn: liveArn,
      ...(target.record === undefined ? {} : { toDeploymentArn: target.record.arn }),
      digests: target.digests,
      extra: inputs.tags,
      env: deps.env,
    });
    const registered = await ecs.registerTaskDefinition({
      ...(plan.definition as unknown as RegisterInput),
      tags,
    });
    arn = registered.taskDefinition?.taskDefinitionArn ?? '';
    log.info(`registered ${arn}`);
  } else {
    arn = plan.taskDefinitionArn;
  }
  const updated = await ecs.updateService({
    cluster: inputs.cluster,
    service: inputs.service,
    taskDefinition: arn,
  });
  const id = updated.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
  log.info(`UpdateService started deployment ${id} of ${arn}`);
  return done({
    noop: false,
    taskDefinitionArn: arn,
    ...(inputs.wait ? { follow: await deps.follow(id) } : {}),
  });
}
