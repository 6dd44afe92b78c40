import { InputError } from '@ecs-deploy/action-kit';
import { describeTaskDefinitionDocument, type EcsApi } from '@ecs-deploy/aws';
import type { Tag, TaskDefinitionDocument } from '@ecs-deploy/task-definition';
import type { RollbackInputs } from './inputs.js';
import { containerImages, planDigestMode, planRevisionMode, type Plan } from './plan.js';
import type { ServiceState } from './state.js';
import { registeredByRollback } from './tags.js';
import { chooseExplicit, chooseFromHistory, type Target } from './target.js';
import { digestsOf, runningRevision, type DigestMap } from './versions.js';

/** Everything decided before anything changes: the target, the plan, and what it replaces. */
export interface Resolved {
  readonly liveArn: string;
  readonly liveTags: readonly Tag[];
  readonly target: Target;
  readonly plan: Plan;
  /** Container → digest the target replaces (what the service runs now). */
  readonly from: DigestMap;
}

async function describeDefinition(
  ecs: EcsApi,
  arn: string,
): Promise<{ definition: TaskDefinitionDocument; tags: Tag[] }> {
  const { definition, tags } = await describeTaskDefinitionDocument(ecs, arn);
  return { definition: definition as TaskDefinitionDocument, tags };
}

/**
 * Mode revision points the service at the earlier revision itself, which must still be ACTIVE:
 * a deregistered one (INACTIVE — ecs-rolling-deploy's keep-revisions deregisters exactly the old
 * revisions of a service) is refused here, before anything changes. DescribeTaskDefinition still
 * answers for INACTIVE revisions, with `status` (ECS API reference, TaskDefinition.status).
 */
async function requireActiveRevision(ecs: EcsApi, arn: string): Promise<void> {
  const answer = await ecs.describeTaskDefinition({ taskDefinition: arn });
  const status = answer.taskDefinition?.status ?? 'ACTIVE';
  if (status !== 'ACTIVE')
    throw new InputError(
      'mode',
      `is "revision", but the revision that ran the target, ${arn}, is ${status} (deregistered)`,
      undefined,
      'Use mode: digest: it registers the live task definition again with the target digests.',
    );
}

/**
 * True when the newest deployment put the service on the live task definition and a rollback of
 * this action registered that definition (its `ecs-deploy:rollback-from` tag): re-running the
 * rollback must not count it as a new version.
 */
function newestIsOwnRollback(
  state: ServiceState,
  liveArn: string,
  liveTags: readonly Tag[],
): boolean {
  const newest = state.history.records.find((r) => Object.keys(digestsOf(r.target)).length > 0);
  return newest?.target?.taskDefinitionArn === liveArn && registeredByRollback(liveTags);
}

/** Reads the live task definition, chooses the target from the history, and plans the change. */
export async function resolveRollback(
  inputs: RollbackInputs,
  state: ServiceState,
  ecs: EcsApi,
): Promise<Resolved> {
  const liveArn = state.service.taskDefinition ?? '';
  const live = await describeDefinition(ecs, liveArn);
  const target =
    inputs.target.kind === 'history'
      ? chooseFromHistory(
          state.history,
          inputs.target.stepsBack,
          newestIsOwnRollback(state, liveArn, live.tags),
        )
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
  if (plan.mode === 'revision') await requireActiveRevision(ecs, plan.taskDefinitionArn);
  const running = digestsOf(runningRevision(state.history));
  const from = Object.fromEntries(
    Object.keys(target.digests).flatMap((name) => {
      const digest = running[name];
      return digest === undefined ? [] : [[name, digest]];
    }),
  );
  return { liveArn, liveTags: live.tags, target, plan, from };
}
