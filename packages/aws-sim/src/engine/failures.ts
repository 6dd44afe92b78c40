import type { Deployment, Service, Task } from '../state/model.js';
import type { World } from '../state/world.js';
import { countFailure } from './circuit-breaker.js';
import { eventText } from './events.js';
import { requestStop, stopNow } from './tasks.js';
import type { TaskFailure } from './timeline.js';

const S = 1000;
const MAX_BACKOFF_SECONDS = 900;

/** Seconds a deployment waits before launching again after `n` consecutive start failures. */
export function startBackoffSeconds(n: number): number {
  return n < 3 ? 0 : Math.min(MAX_BACKOFF_SECONDS, 10 * 2 ** (n - 3));
}

/**
 * A task failed as its timeline planned: stop it with ECS's codes and reasons, count it against
 * its deployment's circuit breaker, and write the service events ECS writes for that failure.
 */
export function handleFailure(
  world: World,
  service: Service,
  task: Task,
  f: TaskFailure,
  t: number,
): void {
  const d = service.deployments.find((x) => x.id === task.deploymentId);
  if (d?.rolloutState === 'IN_PROGRESS') d.failedTasks = countFailure(d.failedTasks);
  if (d) d.updatedAt = t;
  const container = task.containers.find((c) => c.name === f.container);
  switch (f.kind) {
    case 'failed-to-start': {
      const reason = f.stoppedReason ?? 'TaskFailedToStart';
      recordContainerOutcome(task, f);
      stopNow(world, task, t, f.stopCode, reason);
      world.addEvent(service, t, eventText.unableToPlace(service.name, reason));
      if (d) noteStartFailure(world, service, d, t);
      return;
    }
    case 'exited': {
      recordContainerOutcome(task, f);
      const neverRan = task.lastStatus !== 'RUNNING';
      stopNow(world, task, t, f.stopCode, f.stoppedReason ?? 'Essential container in task exited');
      if (neverRan && d) noteStartFailure(world, service, d, t);
      return;
    }
    case 'unhealthy-elb': {
      for (const target of task.targets) {
        world.addEvent(
          service,
          t,
          eventText.elbUnhealthy(service.name, task.id, target.port, target.targetGroupArn),
        );
      }
      const tg = task.targets[0]?.targetGroupArn ?? 'unknown';
      stopUnhealthy(
        world,
        service,
        task,
        t,
        `Task failed ELB health checks in (target-group ${tg})`,
      );
      return;
    }
    case 'unhealthy-container': {
      if (container) container.healthStatus = 'UNHEALTHY';
      world.addEvent(service, t, eventText.containerUnhealthy(service.name, task.id));
      stopUnhealthy(
        world,
        service,
        task,
        t,
        f.stoppedReason ?? 'Task failed container health checks',
      );
      return;
    }
  }
}

/** Puts a start failure's reason or an exit's code and reason on the container it names. */
export function recordContainerOutcome(task: Task, f: TaskFailure): void {
  const container = task.containers.find((c) => c.name === f.container);
  if (!container) return;
  if (f.kind === 'failed-to-start') {
    container.reason = f.containerReason ?? f.stoppedReason ?? 'TaskFailedToStart';
    return;
  }
  if (f.exitCode !== undefined) container.exitCode = f.exitCode;
  if (f.containerReason !== undefined) container.reason = f.containerReason;
}

function stopUnhealthy(
  world: World,
  service: Service,
  task: Task,
  t: number,
  reason: string,
): void {
  const groups = requestStop(world, task, t, 'ServiceSchedulerInitiated', reason);
  for (const g of groups) world.addEvent(service, t, eventText.deregistered(service.name, 1, g));
  if (groups.length > 0)
    world.addEvent(service, t, eventText.draining(service.name, task.deploymentId, 1));
  world.addEvent(service, t, eventText.stopped(service.name, [task.id]));
  service.unhealthyReplacements += 1;
}

/** ECS's start-failure throttle: after repeated PENDING → STOPPED, launches are spaced out. */
function noteStartFailure(world: World, service: Service, d: Deployment, t: number): void {
  d.consecutiveStartFailures += 1;
  const wait = startBackoffSeconds(d.consecutiveStartFailures);
  if (wait === 0) return;
  d.launchBackoffUntil = t + wait * S;
  if (!d.throttleReported) {
    d.throttleReported = true;
    world.addEvent(service, t, eventText.throttled(service.name));
  }
}
