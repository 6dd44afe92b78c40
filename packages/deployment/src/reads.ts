// Which optional reads a poll makes besides DescribeServices. ECS tells in DescribeServices when
// tasks or targets can have changed (docs/aws-behaviour.md#service-deployments: counts,
// failedTasks, rolloutState; #service-event-texts: started, stopped, registered, deregistered),
// so ListTasks/DescribeTasks and DescribeTargetHealth are read when it does, not on every poll.
import { findDeployment, taskCount } from './deployments.js';
import { epochMs } from './format.js';
import { ecsWaitingFor } from './health.js';
import type { ServiceEventObservation, ServiceObservation } from './types.js';

function eventKey(e: ServiceEventObservation): string {
  return e.id ?? `${epochMs(e.createdAt) ?? ''} ${e.message ?? ''}`;
}

/** True when our deployment is listed with a running task. */
export function runsTasks(service: ServiceObservation, oursId: string): boolean {
  return (findDeployment(service, oursId)?.runningCount ?? 0) > 0;
}

/** Service events in `service` that `previous` did not list, newest first. */
export function newEvents(
  previous: ServiceObservation | undefined,
  service: ServiceObservation,
): ServiceEventObservation[] {
  const seen = new Set((previous?.events ?? []).map(eventKey));
  return (service.events ?? []).filter((e) => !seen.has(eventKey(e)));
}

// "has stopped N running tasks" is how ECS drains the old deployments too, and a running task of
// ours it stops makes our running count fall (a trigger of its own), so only the other words
// count: a task that failed, is unhealthy or was replaced (docs/aws-behaviour.md#service-event-texts).
const drained = /has stopped \d+ running tasks?/;
const troubled = /\b(stopped|failed|unhealthy|unable|replaced)\b/i;

/**
 * Why our deployment's stopped tasks are worth reading now, or undefined when nothing seen since
 * `previous` (the last poll) can have stopped one of them: its failedTasks changed, its running
 * or running + pending count fell, it turned FAILED, it left the list, or an event tells
 * of a failed, unhealthy or replaced task ("has stopped N running tasks" alone is also the
 * routine drain of the old version; a running task of ours stopped shows in its count). On the first
 * poll: unless nothing has happened to our deployment yet (no task counted, no event since it
 * was created), which is how a fresh deployment looks.
 */
export function stoppedTasksTrigger(
  previous: ServiceObservation | undefined,
  service: ServiceObservation,
  oursId: string,
): string | undefined {
  const ours = findDeployment(service, oursId);
  if (previous === undefined) {
    if (ours === undefined) return 'first poll, our deployment not listed';
    const created = epochMs(ours.createdAt);
    const later = (service.events ?? []).some((e) => (epochMs(e.createdAt) ?? 0) > (created ?? 0));
    const counted = taskCount(ours) + (ours.failedTasks ?? 0);
    return created === undefined || later || counted > 0 ? 'first poll' : undefined;
  }
  const before = findDeployment(previous, oursId);
  if (ours === undefined) return before === undefined ? undefined : 'our deployment left the list';
  if (before === undefined) return 'our deployment appeared';
  if ((ours.failedTasks ?? 0) !== (before.failedTasks ?? 0)) return 'failedTasks changed';
  if ((ours.runningCount ?? 0) < (before.runningCount ?? 0)) return 'running count fell';
  if (taskCount(ours) < taskCount(before)) return 'task count fell';
  if (ours.rolloutState === 'FAILED' && before.rolloutState !== 'FAILED') return 'it failed';
  const troubling = newEvents(previous, service).some((e) => {
    const message = e.message ?? '';
    const routine = drained.test(message) && !/replaced|unhealthy/i.test(message);
    return !routine && troubled.test(message);
  });
  if (troubling) return 'an event tells of a stopped or failing task';
  return undefined;
}

// Our targets register as our tasks start running and turn healthy without a word from ECS; that
// decides nothing until ECS is done. An unhealthy target (ECS's event) or one of ours going away
// (our running count fell) is worth reading at once, for the reasons.
const targetNews = /unhealthy/i;

/**
 * Why target health is worth reading now, or undefined. Its verdict counts only once ECS is done
 * (health.ts): then it is read on every poll. Before that, it is read when our running count fell
 * or an event tells of an unhealthy target since `previous`, and, while our deployment runs tasks
 * (before, it has no targets), every `every` ms, counted from the first poll that saw them run
 * (`sinceLastRead` then counts from there).
 */
export function targetHealthTrigger(
  previous: ServiceObservation | undefined,
  service: ServiceObservation,
  oursId: string,
  sinceLastRead: number,
  every: number,
): string | undefined {
  const ours = findDeployment(service, oursId);
  if (ours !== undefined && ecsWaitingFor(service, ours).length === 0) return 'ECS is done';
  if (previous !== undefined) {
    const before = findDeployment(previous, oursId);
    if ((ours?.runningCount ?? 0) < (before?.runningCount ?? 0)) return 'our running count fell';
    if (newEvents(previous, service).some((e) => targetNews.test(e.message ?? ''))) {
      return 'an event tells of an unhealthy target';
    }
  }
  if (ours !== undefined && (ours.runningCount ?? 0) === 0) return undefined;
  if (sinceLastRead >= every) return 'last read is old';
  return undefined;
}
