import { ActionError, type Logger } from '@ecs-deploy/action-kit';
import type { EcsApi } from '@ecs-deploy/aws';
import { controllerProblem, type FollowResult } from '@ecs-deploy/deployment';
import { loadHistory, type History } from './history.js';
import type { RollbackInputs } from './inputs.js';
import { isOpen, isRolledBack } from './versions.js';

/** A service as DescribeServices returns it. */
export type Service = NonNullable<
  Awaited<ReturnType<EcsApi['describeServices']>>['services']
>[number];

/** The service and its deployment history as read at one moment. */
export interface ServiceState {
  readonly service: Service;
  readonly history: History;
}

/** What the rollback needs from outside; tests hand in plain objects. */
export interface RollbackDeps {
  readonly ecs: EcsApi;
  readonly log: Logger;
  /** Follows one deployment with the wait-healthy engine, for at most `timeoutMs` when given. */
  follow(deploymentId: string, timeoutMs?: number): Promise<FollowResult>;
  /** The step environment (GITHUB_* for the tags). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Reads the service (it must exist, be ACTIVE and have its deployments run by ECS) and its
 * deployment history.
 */
export async function readState(
  ecs: EcsApi,
  cluster: string,
  serviceName: string,
): Promise<ServiceState> {
  const answer = await ecs.describeServices({ cluster, services: [serviceName] });
  const service = answer.services?.[0];
  if (service?.status !== 'ACTIVE') {
    const why = service?.status ?? answer.failures?.[0]?.reason ?? 'no answer';
    throw new ActionError(
      `Service '${serviceName}' in cluster '${cluster}' cannot be rolled back (${why}).`,
      'Check the cluster and service inputs.',
    );
  }
  const controller = controllerProblem(service, 'rollback-digest');
  if (controller !== undefined)
    throw new ActionError(`${controller.message} Nothing was rolled back.`, controller.fix);
  return { service, history: await loadHistory(ecs, cluster, serviceName) };
}

/** The ECS deployment id (`ecs-svc/…`) of the service's PRIMARY deployment. */
export function primaryId(service: Service): string | undefined {
  return service.deployments?.find((d) => d.status === 'PRIMARY')?.id;
}

/** True while a deployment is rolling out: an open service deployment, or more than one task set. */
export function inProgress(state: ServiceState): boolean {
  const newest = state.history.records[0];
  return (
    (newest !== undefined && isOpen(newest)) ||
    (state.service.deployments ?? []).some((d) => d.rolloutState === 'IN_PROGRESS')
  );
}

/**
 * Before choosing a target: with `fail`, fail; with `wait`, or while ECS is already rolling back
 * (which cannot be stopped), wait for the deployment to settle and read the state again. `stop`
 * is applied later, once the target is known.
 */
export async function settleFirst(
  state: ServiceState,
  inputs: Pick<RollbackInputs, 'ifInProgress' | 'inProgressTimeoutMs' | 'dryRun'>,
  reread: () => Promise<ServiceState>,
  deps: RollbackDeps,
): Promise<ServiceState> {
  if (!inProgress(state)) return state;
  const policy = inputs.ifInProgress;
  const newest = state.history.records[0];
  const ecsRollback = newest !== undefined && isRolledBack(newest);
  const id = primaryId(state.service) ?? '';
  if (policy === 'fail')
    throw new ActionError(
      `Deployment ${id} of the service is still in progress (if-deployment-in-progress: fail).`,
      'Set if-deployment-in-progress to stop (roll it back with ECS) or wait.',
    );
  if (policy === 'stop' && !ecsRollback) return state;
  const what = ecsRollback ? "ECS's own rollback" : 'the deployment in progress';
  if (inputs.dryRun) {
    deps.log.info(
      `dry run: would wait for ${what} (${id}) before rolling back; planning against the state now`,
    );
    return state;
  }
  deps.log.info(`waiting for ${what} (${id}) to settle before rolling back`);
  const result = await deps.follow(id, inputs.inProgressTimeoutMs);
  if (
    result.outcome === 'timed-out' ||
    result.outcome === 'cancelled' ||
    result.outcome === 'error'
  )
    throw new ActionError(
      `${what} (${id}) did not settle: ${result.message}`,
      'Raise in-progress-timeout, or use if-deployment-in-progress: stop.',
    );
  return reread();
}
