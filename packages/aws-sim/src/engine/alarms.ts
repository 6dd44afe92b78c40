/**
 * ECS deployment alarms (`deploymentConfiguration.alarms`): which CloudWatch alarms a deployment
 * watches, when they count as fired, and the bake time (docs/aws-behaviour.md#deployment-alarms).
 */
import type { Deployment, ServiceDeploymentRecord } from '../state/model.js';
import type { World } from '../state/world.js';
import type { JsonObject } from '../util/json.js';
import { isObject, optNumber, stringArray } from '../util/json.js';

/** `deploymentConfiguration.alarms` with AWS's default (off). */
export interface AlarmsConfig {
  enable: boolean;
  rollback: boolean;
  alarmNames: string[];
}

/** Reads `alarms {alarmNames, enable, rollback}` of a deploymentConfiguration. */
export function alarmsConfig(deploymentConfiguration: JsonObject): AlarmsConfig {
  const raw = deploymentConfiguration.alarms;
  const a = isObject(raw) ? raw : {};
  return {
    enable: a.enable === true,
    rollback: a.rollback === true,
    alarmNames: stringArray(a, 'alarmNames'),
  };
}

/** A period for alarms that name none (metric math): one minute, CloudWatch's common period. */
const DEFAULT_PERIOD_SECONDS = 60;

/**
 * The bake time in ms: ECS computes it from the alarms' configuration and publishes no formula;
 * the simulator takes the longest evaluation window among the watched alarms that exist
 * (Period × EvaluationPeriods), 0 when none exists.
 */
export function bakeTimeMs(world: World, alarmNames: readonly string[]): number {
  let longest = 0;
  for (const name of alarmNames) {
    const alarm = world.alarms.get(name);
    if (!alarm) continue;
    const period = optNumber(alarm.config, 'Period') ?? DEFAULT_PERIOD_SECONDS;
    const periods = optNumber(alarm.config, 'EvaluationPeriods') ?? 1;
    longest = Math.max(longest, period * periods * 1000);
  }
  return longest;
}

/** True once a task of the deployment has reached RUNNING: ECS starts watching then. */
export function monitoringStarted(world: World, d: Deployment): boolean {
  for (const task of world.tasks.values())
    if (task.deploymentId === d.id && task.startedAt !== undefined) return true;
  return false;
}

/**
 * The watched alarms that fired: in ALARM, having gone there since the deployment started. An
 * alarm that was already in ALARM when the deployment began does not fail it.
 */
export function firedAlarms(world: World, record: ServiceDeploymentRecord): string[] {
  return record.alarms.alarmNames.filter((name) => {
    const alarm = world.alarms.get(name);
    return alarm?.state === 'ALARM' && alarm.stateTransitionedAt >= record.startedAt;
  });
}
