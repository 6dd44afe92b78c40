import { followerDefaults, type FollowerConfig } from './config.js';
import { controllerProblem } from './controller.js';
import { findByTaskDefinition, findDeployment, primaryDeployment, refOf } from './deployments.js';
import { describeRef, formatDuration, shortTaskDefinition } from './format.js';
import { failureRules } from './failure-rules.js';
import { evaluateHealth, type HealthEvaluation } from './health.js';
import type { News } from './ingest.js';
import type { FollowerState } from './state.js';
import type { DeploymentObservation, Observation, ServiceObservation } from './types.js';
import type { DeploymentRef, Reasons, Verdict } from './verdict.js';

/** The follower's ruling on one observation, before timeline and progress bookkeeping. */
export interface Ruling {
  verdict: Verdict;
  deployment?: DeploymentRef;
  ours?: DeploymentObservation;
  failedSince?: number;
  health?: HealthEvaluation;
  waitingFor: string[];
}

/** Our deployment: the configured id, else the one running our task definition, else the PRIMARY. */
export function locate(
  state: FollowerState,
  service: ServiceObservation,
  config: FollowerConfig,
): DeploymentRef | undefined {
  if (state.deployment !== undefined) return state.deployment;
  if (config.deploymentId !== undefined) {
    const found = findDeployment(service, config.deploymentId);
    const ref: DeploymentRef = { id: config.deploymentId };
    const taskDefinition = found?.taskDefinition ?? config.taskDefinitionArn;
    if (taskDefinition !== undefined) ref.taskDefinition = taskDefinition;
    return ref;
  }
  const d =
    config.taskDefinitionArn === undefined
      ? primaryDeployment(service)
      : findByTaskDefinition(service, config.taskDefinitionArn);
  return d === undefined ? undefined : refOf(d);
}

// A deployment at desired count 0 completes with no task at all (ECS: rolloutState COMPLETED,
// runningCount 0): done as ECS sees it, yet no task ever ran the new revision.
function scaledToZero(service: ServiceObservation, ours: DeploymentObservation): boolean {
  return (ours.desiredCount ?? service.desiredCount ?? 0) === 0 && (ours.runningCount ?? 0) === 0;
}

/** Applies the verdict rules (see README) to one observation. */
export function judge(
  state: FollowerState,
  news: News,
  obs: Observation,
  config: FollowerConfig,
  reasons: Reasons,
): Ruling {
  const service = obs.service;
  if (service === undefined) {
    const why = obs.missing?.reason ?? 'MISSING';
    const message = `the service is gone: DescribeServices reported it as ${why}${obs.missing?.detail === undefined ? '' : ` (${obs.missing.detail})`} — deleted while waiting?`;
    const verdict: Verdict = { kind: 'failed', cause: 'service-missing', message, reasons };
    if (state.deployment !== undefined) verdict.deployment = state.deployment;
    return { verdict, waitingFor: [] };
  }
  const controller = controllerProblem(service, 'following a deployment');
  if (controller !== undefined) {
    const message = `${controller.message} ${controller.fix}`;
    const verdict: Verdict = { kind: 'failed', cause: 'unsupported-controller', message, reasons };
    return { verdict, waitingFor: [] };
  }
  const located = locate(state, service, config);
  if (located === undefined) {
    const wanted = shortTaskDefinition(config.taskDefinitionArn);
    const locateGrace = config.locateGrace ?? followerDefaults.locateGrace;
    if (obs.at - state.startedAt < locateGrace) {
      return { verdict: { kind: 'in-progress' }, waitingFor: [`a deployment of ${wanted}`] };
    }
    const message = `no deployment of ${wanted} appeared within ${formatDuration(locateGrace)}`;
    return { verdict: { kind: 'failed', cause: 'not-found', message, reasons }, waitingFor: [] };
  }
  // A copy: the state's ref must not change under it.
  const ref: DeploymentRef = { ...located };
  const ours = findDeployment(service, ref.id);
  if (ours?.taskDefinition !== undefined) ref.taskDefinition = ours.taskDefinition;
  const terminal = failureRules({ state, news, obs, service, ours, ref, config, reasons });
  if (terminal !== undefined) return { ...terminal, deployment: ref, ours };
  if (ours === undefined) {
    const waitingFor = [`deployment ${ref.id} to appear in DescribeServices`];
    return { verdict: { kind: 'in-progress' }, deployment: ref, waitingFor };
  }

  if (ours.rolloutState === 'FAILED') {
    // ECS demotes a failed deployment and starts the rollback in one go, but reads are eventually
    // consistent: give the rollback deployment a moment to show up before calling it "failed".
    const failedSince = state.failedSince ?? obs.at;
    const waitingFor = ['ECS to start the rollback deployment'];
    return { verdict: { kind: 'in-progress' }, deployment: ref, ours, failedSince, waitingFor };
  }
  const health = evaluateHealth(state, obs, service, ours, config);
  if (health.probeExhausted !== undefined) {
    const verdict: Verdict = {
      kind: 'failed',
      cause: 'probe',
      deployment: ref,
      message: `deployment ${describeRef(ref)}: ${health.probeExhausted}`,
      reasons,
    };
    return { verdict, deployment: ref, ours, health, waitingFor: [] };
  }
  if (health.waitingFor.length === 0 && scaledToZero(service, ours)) {
    const verdict: Verdict = {
      kind: 'scaled-to-zero',
      deployment: ref,
      message:
        `deployment ${describeRef(ref)} completed at desired count 0: ECS started no task, ` +
        `so nothing has run ${shortTaskDefinition(ref.taskDefinition)} and its health is unknown`,
    };
    return { verdict, deployment: ref, ours, health, waitingFor: [] };
  }
  if (health.waitingFor.length === 0) {
    const verdict: Verdict = {
      kind: 'healthy',
      deployment: ref,
      message: `deployment ${describeRef(ref)} is healthy`,
    };
    return { verdict, deployment: ref, ours, health, waitingFor: [] };
  }
  return {
    verdict: { kind: 'in-progress' },
    deployment: ref,
    ours,
    health,
    waitingFor: health.waitingFor,
  };
}
