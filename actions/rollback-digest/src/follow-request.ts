import type { FollowOptions } from '@ecs-deploy/rollout-watch';
import type { RollbackInputs } from './inputs.js';

/** What to follow and how long to wait: the follower's options without its clients. */
export type FollowRequest = Pick<FollowOptions, 'cluster' | 'service' | 'deploymentId' | 'wait'>;

/**
 * The rule behind RollbackDeps.follow. An empty `deploymentId` follows the PRIMARY deployment.
 * With a `timeoutMs` the deployment followed is one that was already under way (ECS's own
 * rollback, or a deployment in progress): the wait gets that timeout, no stable-for and no probe of
 * the application, since the rollback has not deployed anything yet. Without one, it is our own
 * deployment and the wait inputs apply as given.
 */
export function followRequest(
  inputs: Pick<RollbackInputs, 'cluster' | 'service' | 'waiting'>,
  deploymentId: string,
  timeoutMs?: number,
): FollowRequest {
  const wait = inputs.waiting;
  return {
    cluster: inputs.cluster,
    service: inputs.service,
    ...(deploymentId === '' ? {} : { deploymentId }),
    wait: timeoutMs === undefined ? wait : { ...wait, timeoutMs, stableForMs: 0, probe: undefined },
  };
}
