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

/** Service events in `service` that `previous` did not list, newest first. */
export function newEvents(
  previous: ServiceObservation | undefined,
  service: ServiceObservation,
): ServiceEventObservation[] {
  const seen = new Set((previous?.events ?? []).map(eventKey));
  return (service.events ?? []).filter((e) => !seen.has(eventKey(e)));
}

// "has stopped N running tasks" is also how ECS drains the old deployments; any other of these
// words is about a task that failed or is about to be stopped (docs/aws-behaviour.md#service-event-texts).
const drained = /has stopped (\d+) running tasks?/;
const troubled = /\b(stopped|failed|unhealthy|unable|replaced)\b/i;

// Running tasks that other deployments than ours lost between two reads (gone ones count whole).
function othersStopped(
  previous: ServiceObservation,
  service: ServiceObservation,
  oursId: string,
): number {
  let lost = 0;
  for (const before of previous.deployments ?? []) {
    if (before.id === oursId) continue;
    const now = (service.deployments ?? []).find((d) => d.id === before.id);
    lost += Math.max(0, (before.runningCount ?? 0) - (now?.runningCount ?? 0));
  }
  return lost;
}

/**
 * Why our deployment's stopped tasks are worth reading now, or undefined when nothing seen since
 * `previous` (the last poll) can have stopped one of them: its failedTasks changed, its running
 * or running + pending count fell, it turned FAILED, it left the list, or an event tells
 * of a stopped, failed or unhealthy task — except "has stopped N running tasks" when the other
 * deployments lost those N running tasks (the routine drain of the old version). On the first
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
  const news = newEvents(previous, service).map((e) => e.message ?? '');
  let drainedTasks = 0;
  for (const message of news) {
    const drain = drained.exec(message);
    if (drain !== null && !/replaced|unhealthy/i.test(message)) {
      drainedTasks += Number(drain[1]);
    } else if (troubled.test(message)) {
      return 'an event tells of a stopped or failing task';
    }
  }
  if (drainedTasks > othersStopped(previous, service, oursId)) {
    return 'an event tells of stopped tasks the old deployments did not lose';
  }
  return undefined;
}

const targetNews = /\b(registered|deregistered|draining|unhealthy|stopped)\b/i;

/**
 * Why target health is worth reading now, or undefined. Its verdict counts only once ECS is done
 * (health.ts): then it is read on every poll. Before that, it is read when a deployment's running
 * count changed or an event tells of targets registered, deregistered, draining or unhealthy, or
 * of a stopped task, since `previous`; and, while our deployment runs tasks (before, it has no
 * targets to read), on the first poll and whenever the last read is `every` ms old.
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
    const running = (s: ServiceObservation): string =>
      JSON.stringify((s.deployments ?? []).map((d) => [d.id, d.runningCount ?? 0]));
    if (running(previous) !== running(service)) return 'running counts changed';
    if (newEvents(previous, service).some((e) => targetNews.test(e.message ?? ''))) {
      return 'an event tells of targets or stopped tasks';
    }
  }
  if (ours !== undefined && (ours.runningCount ?? 0) === 0) return undefined;
  if (previous === undefined) return 'first poll';
  if (sinceLastRead >= every) return 'last read is old';
  return undefined;
}
