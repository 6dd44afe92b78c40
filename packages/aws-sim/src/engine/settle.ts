import type { Deployment, Service, Task } from '../state/model.js';
import type { World } from '../state/world.js';
import { completeDeployment, recordOf } from './deployments.js';
import { taskScript } from './task-script.js';
import { launchTask } from './tasks.js';
import { registerTargets } from './transitions.js';
import type { TaskTimeline } from './timeline.js';

const SETTLEABLE = new Set(['healthy', 'slow', 'crash-after']);

/**
 * Puts a seeded service straight into steady state: its first deployment COMPLETED with the
 * desired number of healthy tasks, as if it had rolled out before the simulator started.
 * Returns false (and changes nothing) when the image would not become healthy; the deployment
 * then runs like any other.
 */
export function settleDeployment(
  world: World,
  service: Service,
  d: Deployment,
  now: number,
): boolean {
  const revision = world.revisions.get(d.revisionArn);
  if (!revision) return false;
  const script = taskScript(revision.containers, world.scenarios);
  if (script.kind !== 'behaviour' || !SETTLEABLE.has(script.behaviour.kind)) return false;
  // Already rolled out before the simulator started: no lifecycle stages to go through.
  if (d.rollout) {
    d.rollout = { strategy: d.rollout.strategy, stage: 'CLEAN_UP', weight: 100 };
    const record = recordOf(service, d);
    if (record) record.lifecycleStage = 'CLEAN_UP';
  }
  for (let i = 0; i < service.desiredCount; i++) {
    const task = launchTask(world, service, d, now, now);
    const lead = (task.timeline.healthyAt ?? task.timeline.runningAt ?? now) - now;
    task.timeline = shift(task.timeline, lead);
    task.createdAt = now - lead;
    markSteady(world, service, task);
  }
  completeDeployment(world, service, d, now);
  return true;
}

function shift(tl: TaskTimeline, by: number): TaskTimeline {
  const out: TaskTimeline = { ...tl, pendingAt: tl.pendingAt - by };
  if (tl.runningAt !== undefined) out.runningAt = tl.runningAt - by;
  if (tl.healthyAt !== undefined) out.healthyAt = tl.healthyAt - by;
  if (tl.targetHealthyAt !== undefined) out.targetHealthyAt = tl.targetHealthyAt - by;
  if (tl.failure) out.failure = { ...tl.failure, at: tl.failure.at - by };
  return out;
}

function markSteady(world: World, service: Service, task: Task): void {
  const tl = task.timeline;
  const runningAt = tl.runningAt ?? tl.pendingAt;
  task.lastStatus = 'RUNNING';
  task.pullStartedAt = tl.pendingAt;
  task.pullStoppedAt = runningAt;
  task.startedAt = runningAt;
  task.healthy = true;
  const revision = world.revisions.get(task.revisionArn);
  for (const c of task.containers) {
    c.lastStatus = 'RUNNING';
    if (revision?.containers.find((r) => r.containerName === c.name)?.healthCheck)
      c.healthStatus = 'HEALTHY';
  }
  registerTargets(world, service, task, runningAt);
}
