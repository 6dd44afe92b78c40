import { InputError } from '@ecs-deploy/action-kit';
import { describeTaskDefinitionDocument, type EcsApi } from '@ecs-deploy/aws';
import {
  TRACE_TAG_PREFIX,
  type Tag,
  type TaskDefinitionDocument,
} from '@ecs-deploy/task-definition';
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
  /**
   * The commit the target was deployed from: the `ecs-deploy:commit` tag of the task definition
   * revision the chosen earlier deployment ran; undefined without a chosen deployment or the tag.
   */
  readonly commit?: string;
}

const COMMIT_TAG = `${TRACE_TAG_PREFIX}commit`;

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
async function requireActiveRevision(ecs: EcsApi, arn: string): Promise<Tag[]> {
  const answer = await ecs.describeTaskDefinition({ taskDefinition: arn, include: ['TAGS'] });
  const status = answer.taskDefinition?.status ?? 'ACTIVE';
  if (status !== 'ACTIVE')
    throw new InputError(
      'mode',
      `is "revision", but the revision that ran the target, ${arn}, is ${status} (deregistered)`,
      undefined,
      'Use mode: digest: it registers the live task definition again with the target digests.',
    );
  return (answer.tags ?? []).map((tag) => ({ key: tag.key ?? '', value: tag.value ?? '' }));
}

/** The `ecs-deploy:commit` tag among a revision's tags. */
export function commitTag(tags: readonly Tag[]): string | undefined {
  const value = tags.find((tag) => tag.key === COMMIT_TAG)?.value;
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The tags of the revision the target's digests come from (mode digest): only for its commit, so
 * a revision ECS no longer describes leaves the commit unknown rather than stopping the rollback.
 */
async function targetTags(ecs: EcsApi, arn: string): Promise<Tag[]> {
  try {
    return (await describeTaskDefinitionDocument(ecs, arn)).tags;
  } catch {
    return [];
  }
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
  const targetArn = target.revision?.taskDefinitionArn;
  const tags =
    plan.mode === 'revision'
      ? await requireActiveRevision(ecs, plan.taskDefinitionArn)
      : targetArn === undefined
        ? []
        : await targetTags(ecs, targetArn);
  const commit = commitTag(tags);
  const running = digestsOf(runningRevision(state.history));
  const from = Object.fromEntries(
    Object.keys(target.digests).flatMap((name) => {
      const digest = running[name];
      return digest === undefined ? [] : [[name, digest]];
    }),
  );
  return {
    liveArn,
    liveTags: live.tags,
    target,
    plan,
    from,
    ...(commit === undefined ? {} : { commit }),
  };
}
