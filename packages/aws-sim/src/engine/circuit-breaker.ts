import type { BreakerConfig } from '../state/model.js';
import type { JsonObject } from '../util/json.js';
import { isObject } from '../util/json.js';

/** Reads `deploymentCircuitBreaker` with AWS's defaults (off; consecutive; 50 % bounded). */
export function breakerConfig(deploymentConfiguration: JsonObject): BreakerConfig {
  const raw = deploymentConfiguration.deploymentCircuitBreaker;
  const cb = isObject(raw) ? raw : {};
  const tc = isObject(cb.thresholdConfiguration) ? cb.thresholdConfiguration : {};
  const type = tc.type === 'UNBOUNDED_PERCENT' || tc.type === 'COUNT' ? tc.type : 'BOUNDED_PERCENT';
  return {
    enable: cb.enable === true,
    rollback: cb.rollback === true,
    resetOnHealthyTask: cb.resetOnHealthyTask !== false,
    thresholdType: type,
    thresholdValue: typeof tc.value === 'number' ? tc.value : 50,
  };
}

/**
 * Failed tasks that trip the breaker: BOUNDED_PERCENT is min(200, max(3, ceil(value% × D))),
 * UNBOUNDED_PERCENT is ceil(value% × D), COUNT is the value itself.
 */
export function breakerThreshold(desired: number, cfg: BreakerConfig): number {
  const pct = Math.ceil((cfg.thresholdValue * desired) / 100);
  switch (cfg.thresholdType) {
    case 'COUNT':
      return Math.max(1, cfg.thresholdValue);
    case 'UNBOUNDED_PERCENT':
      return Math.max(1, pct);
    default:
      return Math.min(200, Math.max(3, pct));
  }
}

/** The failed-task count after a task of an in-progress deployment fails. */
export function countFailure(failedTasks: number): number {
  return failedTasks + 1;
}

/** The failed-task count after a task of the deployment became healthy. */
export function countHealthy(failedTasks: number, cfg: BreakerConfig): number {
  return cfg.resetOnHealthyTask ? 0 : failedTasks;
}

/** True when the breaker is on and the count has reached the threshold. */
export function shouldTrip(cfg: BreakerConfig, failedTasks: number, desired: number): boolean {
  return cfg.enable && failedTasks >= breakerThreshold(desired, cfg);
}
