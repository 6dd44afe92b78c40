import { followerDefaults, type FollowerConfig } from './config.js';
import { taskCount } from './deployments.js';
import { formatDuration, plural } from './format.js';
import { probeFailureText } from './ingest.js';
import type { FollowerState } from './state.js';
import { targetsWaitingFor } from './targets.js';
import type { DeploymentObservation, Observation, ServiceObservation } from './types.js';

/** Health tracking after one observation of our PRIMARY, not-FAILED deployment. */
export interface HealthEvaluation {
  /** What is still missing; empty when healthy for long enough. */
  waitingFor: string[];
  ecsHealthySince?: number;
  probeFailingSince?: number;
  probeFailCount: number;
  healthySince?: number;
  /** Set when the probe used up its budget while ECS said healthy. */
  probeExhausted?: string;
}

/** What ECS itself (rollout + old deployments drained) still lacks. */
export function ecsWaitingFor(service: ServiceObservation, ours: DeploymentObservation): string[] {
  const waiting: string[] = [];
  const others = (service.deployments ?? []).filter((d) => d.id !== ours.id);
  const desired = ours.desiredCount ?? service.desiredCount ?? 0;
  const running = ours.runningCount ?? 0;
  if (ours.rolloutState !== undefined) {
    if (ours.rolloutState !== 'COMPLETED') {
      waiting.push(`ECS rollout ${ours.rolloutState} (${running}/${desired} running)`);
    }
  } else if (running !== desired || (ours.pendingCount ?? 0) > 0) {
    // No rolloutState (Classic Load Balancer, older services): counts are all ECS tells us.
    waiting.push(`${running}/${desired} tasks running`);
  }
  for (const d of others) {
    // Without rolloutState only an empty deployments list means ECS is done with the old ones.
    if (taskCount(d) > 0 || ours.rolloutState === undefined) {
      waiting.push(`old deployment ${d.id ?? '?'} to drain (${plural(taskCount(d), 'task')})`);
    }
  }
  return waiting;
}

/**
 * Healthy = ECS done, old deployments drained, targets (when observed) all healthy, probe (when
 * configured) passing — all continuously for `stableFor`. Any break restarts the clock.
 */
export function evaluateHealth(
  state: FollowerState,
  obs: Observation,
  service: ServiceObservation,
  ours: DeploymentObservation,
  config: FollowerConfig,
): HealthEvaluation {
  const at = obs.at;
  const waiting = ecsWaitingFor(service, ours);
  if (obs.targetHealth !== undefined && config.checkTargetHealth !== false) {
    const desired = ours.desiredCount ?? service.desiredCount ?? 0;
    waiting.push(...targetsWaitingFor(obs.targetHealth, desired));
  }
  if (waiting.length > 0) return { waitingFor: waiting, probeFailCount: 0 };

  const ecsHealthySince = state.ecsHealthySince ?? at;
  const result: HealthEvaluation = { waitingFor: [], ecsHealthySince, probeFailCount: 0 };
  if (config.probe !== undefined) {
    const failure = probeFailureText(obs.probe);
    if (obs.probe === undefined) {
      result.waitingFor.push('HTTP probe result');
    } else if (failure !== undefined) {
      const since = state.probeFailingSince ?? at;
      const count = state.probeFailCount + 1;
      result.probeFailingSince = since;
      result.probeFailCount = count;
      result.waitingFor.push(`probe to pass (${failure})`);
      const grace = config.probe.grace ?? followerDefaults.probeGrace;
      const minFailures = config.probe.minFailures ?? followerDefaults.probeMinFailures;
      if (at - since >= grace && count >= minFailures) {
        result.probeExhausted =
          `ECS reports the deployment healthy, but the HTTP probe kept failing for ` +
          `${formatDuration(at - since)} (${plural(count, 'attempt')}): ${failure}`;
      }
    }
  }
  if (result.waitingFor.length > 0) return result;

  const healthySince = state.healthySince ?? at;
  result.healthySince = healthySince;
  const stableFor = config.stableFor ?? followerDefaults.stableFor;
  if (at - healthySince < stableFor) {
    result.waitingFor.push(
      `healthy for ${formatDuration(stableFor)} (${formatDuration(at - healthySince)} so far)`,
    );
  }
  return result;
}
