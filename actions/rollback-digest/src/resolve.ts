import { describeTaskDefinitionDocument, type EcsApi } from '@ecs-deploy/aws';
import type { Tag, TaskDefinitionDocument } from '@ecs-deploy/task-definition';
import type { RollbackInputs } from './inputs.js';
import { containerImages, planDigestMode, planRevisionMode, type Plan } from './plan.js';
import type { ServiceState } from './state.js';
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
  const running = digestsOf(runningRevision(state.history));
  const from = Object.fromEntries(
    Object.keys(target.digests).flatMap((name) => {
      const digest = running[name];
      return digest === undefined ? [] : [[name, digest]];
    }),
  );
  return { liveArn, liveTags: live.tags, target, plan, from };
}
