import type { Service, Task } from '../state/model.js';
import type { World } from '../state/world.js';
import { breakerConfig, countHealthy } from './circuit-breaker.js';
import { eventText } from './events.js';
import { handleFailure } from './failures.js';
import { registerIn, registrationGroups, targetGroupPairs } from './strategies.js';
import { enterRunning, stepCommon } from './tasks.js';

/** Applies every transition of `task` that is due at `t`; true when any happened. */
export function advanceTask(world: World, service: Service, task: Task, t: number): boolean {
  let changed = false;
  // A task has at most a handful of transitions; the bound only guards against a planning bug.
  for (let guard = 0; guard < 8 && stepTask(world, service, task, t); guard++) changed = true;
  return changed;
}

/** Applies the next due transition of one task; false when none is due. */
function stepTask(world: World, service: Service, task: Task, t: number): boolean {
  const tl = task.timeline;
  const common = stepCommon(task, t);
  if (common !== undefined) return common;
  const failure = tl.failure;
  if (task.lastStatus === 'PENDING') {
    if (tl.runningAt === undefined) {
      if (!failure || failure.at > t) return false;
      handleFailure(world, service, task, failure, t);
      return true;
    }
    if (tl.runningAt > t) return false;
    markRunning(world, service, task, t);
    return true;
  }
  const healthyFirst = tl.healthyAt !== undefined && (!failure || failure.at > tl.healthyAt);
  if (!task.healthy && healthyFirst && tl.healthyAt !== undefined && tl.healthyAt <= t) {
    markHealthy(world, service, task);
    return true;
  }
  if (!failure || failure.at > t) return false;
  handleFailure(world, service, task, failure, t);
  return true;
}

/** The time of the task's next transition after `t`, if any. */
export function nextTransitionAt(task: Task): number | undefined {
  const tl = task.timeline;
  if (task.lastStatus === 'STOPPED') return undefined;
  if (task.desiredStatus === 'STOPPED') return task.stopAt;
  if (task.lastStatus === 'PROVISIONING') return tl.pendingAt;
  if (task.lastStatus === 'PENDING') return tl.runningAt ?? tl.failure?.at;
  const healthy = task.healthy ? undefined : tl.healthyAt;
  const fail = tl.failure?.at;
  if (healthy === undefined) return fail;
  return fail === undefined ? healthy : Math.min(healthy, fail);
}

function markRunning(world: World, service: Service, task: Task, t: number): void {
  enterRunning(world, task, world.revisions.get(task.revisionArn)?.containers ?? [], t);
  const dep = service.deployments.find((d) => d.id === task.deploymentId);
  if (dep) dep.consecutiveStartFailures = 0;
  for (const tg of registerTargets(world, service, task, t)) {
    world.addEvent(service, t, eventText.registered(service.name, 1, tg));
  }
}

/**
 * Registers a RUNNING task in its service's target groups, with the health times its timeline
 * planned; returns the target group ARNs.
 */
export function registerTargets(world: World, service: Service, task: Task, at: number): string[] {
  const d = service.deployments.find((x) => x.id === task.deploymentId);
  if (d?.rollout) {
    // A strategy deployment's tasks register by stage (engine/strategies.ts).
    const groups: string[] = [];
    for (const pair of targetGroupPairs(world, service))
      for (const tg of registrationGroups(pair, d))
        if (registerIn(world, task, tg, pair.port, at)) groups.push(tg);
    return groups;
  }
  const out: string[] = [];
  for (const lb of service.loadBalancers) {
    const tgArn = lb.targetGroupArn;
    if (typeof tgArn !== 'string' || !world.targetGroups.has(tgArn)) continue;
    const port = typeof lb.containerPort === 'number' ? lb.containerPort : 80;
    if (registerIn(world, task, tgArn, port, at)) out.push(tgArn);
  }
  return out;
}

function markHealthy(world: World, service: Service, task: Task): void {
  task.healthy = true;
  const revision = world.revisions.get(task.revisionArn);
  for (const c of task.containers) {
    if (revision?.containers.find((r) => r.containerName === c.name)?.healthCheck) {
      c.healthStatus = 'HEALTHY';
    }
  }
  const dep = service.deployments.find((d) => d.id === task.deploymentId);
  if (dep?.rolloutState === 'IN_PROGRESS') {
    dep.failedTasks = countHealthy(dep.failedTasks, breakerConfig(service.deploymentConfiguration));
  }
}
