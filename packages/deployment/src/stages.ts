// Native deployment strategies (deploymentConfiguration.strategy BLUE_GREEN, LINEAR, CANARY;
// docs/aws-behaviour.md#native-deployment-strategies): ECS reports how far our service
// deployment has got as its `lifecycleStage` (DescribeServiceDeployments). When that is worth
// reading, following reads.ts, and the line told when it changes.
import { deploymentCounts, findDeployment } from './deployments.js';
import { formatDuration } from './format.js';
import { newEvents } from './reads.js';
import type { DeploymentConfigurationObservation, ServiceObservation } from './types.js';

/** Re-read the stage at least this often while DescribeServices looks unchanged. */
export const STAGE_EVERY = 10_000;

/** The service's strategy when ECS deploys it natively with one other than ROLLING, else undefined. */
export function nativeStrategy(service: ServiceObservation | undefined): string | undefined {
  const controller = service?.deploymentController?.type ?? 'ECS';
  const strategy = service?.deploymentConfiguration?.strategy;
  if (controller !== 'ECS' || strategy === undefined || strategy === 'ROLLING') return undefined;
  return strategy;
}

/**
 * The ARN of our service deployment: DescribeServices' `currentServiceDeployment` while our
 * deployment is the PRIMARY one (the record it names), else undefined.
 */
export function ourServiceDeployment(
  service: ServiceObservation,
  oursId: string,
): string | undefined {
  if (findDeployment(service, oursId)?.status !== 'PRIMARY') return undefined;
  const arn = service.currentServiceDeployment;
  return arn === undefined || arn === '' ? undefined : arn;
}

/**
 * Why our service deployment's lifecycle stage is worth reading now, or undefined. Never for a
 * ROLLING service (nothing to read). On the first poll; when DescribeServices shows a change
 * since `previous` (a deployment's status, rollout state or counts, a new event); and whenever
 * the last read is `every` ms old.
 */
export function stageTrigger(
  previous: ServiceObservation | undefined,
  service: ServiceObservation,
  sinceLastRead: number,
  every: number,
): string | undefined {
  if (nativeStrategy(service) === undefined) return undefined;
  if (previous === undefined) return 'first poll';
  if (JSON.stringify(deploymentCounts(previous)) !== JSON.stringify(deploymentCounts(service)))
    return 'the deployments changed';
  if (newEvents(previous, service).length > 0) return 'a new event';
  if (previous.currentServiceDeployment !== service.currentServiceDeployment) {
    return 'the current service deployment changed';
  }
  if (sinceLastRead >= every) return 'last read is old';
  return undefined;
}

const minutes = (n: number | undefined): string =>
  n === undefined ? '?' : formatDuration(n * 60_000);

const percent = (n: number | undefined): string => (n === undefined ? '?' : `${n}%`);

function settings(config: DeploymentConfigurationObservation | undefined): string[] {
  if (config?.strategy === 'LINEAR') {
    const linear = config.linearConfiguration;
    return [
      `steps of ${percent(linear?.stepPercent)}`,
      `step bake ${minutes(linear?.stepBakeTimeInMinutes)}`,
    ];
  }
  if (config?.strategy === 'CANARY') {
    const canary = config.canaryConfiguration;
    return [
      `canary ${percent(canary?.canaryPercent)}`,
      `canary bake ${minutes(canary?.canaryBakeTimeInMinutes)}`,
    ];
  }
  return [];
}

/**
 * The line told when our service deployment enters a stage, e.g. `demo/bg: BLUE_GREEN stage
 * BAKE_TIME (bake time 1 min, 40 s left)`: the bake time and what is left of it, counted from
 * `since` (when the stage was first seen) to `now`, during BAKE_TIME; LINEAR and CANARY also name
 * their step settings.
 */
export function stageLine(
  label: string,
  config: DeploymentConfigurationObservation | undefined,
  stage: string,
  since: number,
  now: number,
): string {
  const parts = settings(config);
  if (stage === 'BAKE_TIME') {
    const bake = config?.bakeTimeInMinutes;
    if (bake === undefined) parts.push('bake time ?');
    else {
      const left = Math.max(0, bake * 60_000 - (now - since));
      parts.push(`bake time ${minutes(bake)}, ${formatDuration(left)} left`);
    }
  }
  const detail = parts.length === 0 ? '' : ` (${parts.join(', ')})`;
  return `${label}: ${config?.strategy ?? '?'} stage ${stage}${detail}`;
}
